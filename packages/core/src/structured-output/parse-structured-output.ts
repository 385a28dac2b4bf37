import type { AssistantMessage, ResponseFormat } from "../types/index.js";
import { StructuredOutputError } from "./structured-output-error.js";

/** Reasons after which the text is the structured answer (not a tool call, refusal or filtered reply). */
const ANSWERED = new Set(["stop", "length"]);
const MAX_ISSUES = 10;

/**
 * Sets `message.parsed` to the JSON the model answered a `responseFormat` request with, checked
 * against the schema (JSON Schema 2020-12, `@cfworker/json-schema`, loaded on first use so that
 * calls without `responseFormat` never load it). Not JSON, or JSON that breaks the schema, is a
 * {@link StructuredOutputError} carrying the raw text; with stop reason `length` the message says
 * the answer was cut off. A reply that ended otherwise (a tool call, a refusal, a guardrail) is
 * left as it is, without `parsed`.
 */
export async function parseStructuredOutput(message: AssistantMessage, format: ResponseFormat): Promise<void> {
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
  const { Validator } = await import("@cfworker/json-schema");
  const result = new Validator(format.schema as object, "2020-12", false).validate(value);
  if (!result.valid) {
    const issues = result.errors
      .filter((e) => e.keyword !== "properties" && e.keyword !== "items" && e.keyword !== "allOf")
      .slice(0, MAX_ISSUES)
      .map((e) => `${e.instanceLocation}: ${e.error}`);
    throw new StructuredOutputError(`The model's JSON does not match the responseFormat schema: ${issues.join("; ")}.${cut} The text is on error.raw.`, { raw, issues });
  }
  message.parsed = value;
}
