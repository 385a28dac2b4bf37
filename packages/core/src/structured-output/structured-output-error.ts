import { BedrockError, type BedrockErrorOptions } from "@streambed/transport";

/**
 * The model's answer to a `responseFormat` request is not JSON matching the schema: not JSON at
 * all (often cut off by `maxTokens`), or JSON that breaks the schema. `raw` is the text exactly
 * as received; `issues` says what is wrong (`#/name: …`).
 */
export class StructuredOutputError extends BedrockError {
  override name = "StructuredOutputError";
  /** The model's text, as received. */
  readonly raw: string;
  /** What is wrong: the JSON parse error, or each schema violation (`#/path: message`). */
  readonly issues: string[];
  constructor(message: string, options: BedrockErrorOptions & { raw: string; issues: string[] }) {
    const { raw, issues, ...rest } = options;
    super(message, { code: "StructuredOutputInvalid", retryable: false, ...rest });
    this.raw = raw;
    this.issues = issues;
  }
}
