import type { AssistantMessage, ResponseFormat } from "../types/index.js";
import type { SchemaCheck } from "./schema-check.js";
import { StructuredOutputError } from "./structured-output-error.js";

/** Reasons after which the text is the structured answer (not a tool call, refusal or filtered reply). */
const ANSWERED = new Set(["stop", "length"]);
const MAX_ISSUES = 10;

/**
 * Sets `message.parsed` to the JSON the model answered a `responseFormat` request with, checked
 * against the schema by `check` when one is given (see {@link SchemaCheck}: the Node client's uses
 * `@cfworker/json-schema`; without one only the JSON is checked — Bedrock's constrained decoding
 * already holds the models of the structured-output table to the schema). Not JSON, or JSON that breaks the schema, is a
 * {@link StructuredOutputError} carrying the raw text; with stop reason `length` the message says
 * the answer was cut off. A reply that ended otherwise (a tool call, a refusal, a guardrail) is
 * left as it is, without `parsed`.
 */
export async function parseStructuredOutput(message: AssistantMessage, format: ResponseFormat, check?: SchemaCheck): Promise<void> {
  if (message.stopReason !== undefined && !ANSWERED.has(message.stopReason)) return;
  const raw = message.content.flatMap((b) => (b.type === "text" ? [b.text] : [])).join("");
  const cut = message.stopReason === "length" ? " The answer was cut off at maxTokens: raise maxTokens." : "";
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (cause) {
    throw new StructuredOutputError(`The model's answer is not valid JSON (responseFormat asked for JSON matching the schema).${cut} The text is on error.raw.`, {
      raw,
      issues: [cause instanceof Error ? cause.message : String(cause)],
      cause,
    });
  }
  const issues = check === undefined ? [] : (await check(format.schema, value)).slice(0, MAX_ISSUES);
  if (issues.length > 0) {
    throw new StructuredOutputError(`The model's JSON does not match the responseFormat schema: ${issues.join("; ")}.${cut} The text is on error.raw.`, { raw, issues });
  }
  message.parsed = value;
}
