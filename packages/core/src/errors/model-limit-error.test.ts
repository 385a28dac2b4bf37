import { describe, expect, it } from "vitest";
import { encodeUtf8 } from "@streambed/transport";
import { errorFromResponse } from "./error-from-response.js";
import { RECORDED_LIMIT_MESSAGES } from "./fixtures/recorded-limit-messages.js";
import { ModelLimitExceededError, parseLimitMessage } from "./model-limit-error.js";
import { ValidationError } from "./service-errors.js";

function validation(message: string) {
  return errorFromResponse(
    {
      status: 400,
      headers: { "x-amzn-errortype": "ValidationException:http://internal.amazon.com/coral/com.amazon.bedrock/", "x-amzn-requestid": "req-limit" },
      body: encodeUtf8(JSON.stringify({ message })),
    },
    { modelId: "anthropic.claude-3-5-sonnet-20240620-v1:0" },
  );
}

describe("model limits in Bedrock's ValidationException", () => {
  it.each(RECORDED_LIMIT_MESSAGES.map((r) => [r.message, r.limit] as const))("%s", (message, limit) => {
    expect(parseLimitMessage(message)).toEqual(limit);
    const error = validation(message);
    expect(error).toBeInstanceOf(ModelLimitExceededError);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ code: "ValidationException", status: 400, requestId: "req-limit", retryable: false, limit, serviceMessage: message });
    expect(error.message).toContain(message.replace(/[.\s]+$/, ""));
    expect(error.message).toMatch(limit.kind === "output" ? /set maxTokens to \d+ or less/ : /does not fit the model's context window/);
  });

  it("says the numbers it has", () => {
    expect(validation(RECORDED_LIMIT_MESSAGES[0].message).message).toContain("accepts at most 4096 output tokens");
    expect(validation(RECORDED_LIMIT_MESSAGES[3].message).message).toContain("(200049 tokens; the model takes 200000)");
  });

  it("reads Claude's input-plus-output text too, and leaves other ValidationExceptions alone", () => {
    expect(parseLimitMessage("The model returned the following errors: input length and `max_tokens` exceed context limit: 90402 + 116650 > 204648, decrease input length or `max_tokens` and try again")).toEqual({
      kind: "input",
      requested: 90402,
      maximum: 204648,
    });
    expect(parseLimitMessage("The provided model identifier is invalid.")).toBeUndefined();
    const other = validation("A conversation must start with a user message. Try again with a conversation that starts with a user message.");
    expect(other).toBeInstanceOf(ValidationError);
    expect(other).not.toBeInstanceOf(ModelLimitExceededError);
  });
});
