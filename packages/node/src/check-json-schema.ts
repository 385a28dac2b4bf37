import type { SchemaCheck } from "@streambed/core";

/**
 * The Node client's structured-output check: `@cfworker/json-schema` (JSON Schema draft 2020-12,
 * no `eval`), imported on the first `responseFormat` answer so that other calls never load it.
 * Reports each failing location (`#/days: …`), leaving out the summary entries of the containers
 * (`properties`, `items`, `allOf`) that only repeat them.
 */
export const checkJsonSchema: SchemaCheck = async (schema, value) => {
  const { Validator } = await import("@cfworker/json-schema");
  const result = new Validator(schema as object, "2020-12", false).validate(value);
  if (result.valid) return [];
  return result.errors.filter((e) => e.keyword !== "properties" && e.keyword !== "items" && e.keyword !== "allOf").map((e) => `${e.instanceLocation}: ${e.error}`);
};
