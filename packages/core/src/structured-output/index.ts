export { StructuredOutputError } from "./structured-output-error.js";
export { parseStructuredOutput } from "./parse-structured-output.js";
export { withStructuredOutput } from "./with-structured-output.js";
export type { SchemaCheck } from "./schema-check.js";
