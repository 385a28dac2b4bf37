import { BedrockError, encodeUtf8 } from "@streambed/transport";
import { describe, expect, it } from "vitest";
import { errorFromResponse, parseRetryAfter, sanitizeErrorType } from "./error-from-response.js";
import {
  AccessDeniedError,
  AuthenticationError,
  BedrockServiceError,
  InternalServerError,
  ModelError,
  ModelStreamError,
  QuotaExceededError,
  ResourceNotFoundError,
  ServiceUnavailableError,
  ThrottlingError,
  UnknownServiceError,
  ValidationError,
} from "./service-errors.js";

function response(status: number, type: string | undefined, body: unknown, headers: Record<string, string> = {}) {
  return {
    status,
    headers: {
      "content-type": "application/json",
      "x-amzn-requestid": "6f1c0b7e-1111-2222-3333-444455556666",
      ...(type === undefined ? {} : { "x-amzn-errortype": type }),
      ...headers,
    },
    body: typeof body === "string" ? encodeUtf8(body) : encodeUtf8(JSON.stringify(body)),
  };
}

describe("errorFromResponse", () => {
  it.each([
    [429, "ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/", ThrottlingError, "ThrottlingException", true],
    [400, "ValidationException:http://internal.amazon.com/coral/com.amazon.bedrock/", ValidationError, "ValidationException", false],
    [403, "AccessDeniedException", AccessDeniedError, "AccessDeniedException", false],
    [404, "ResourceNotFoundException", ResourceNotFoundError, "ResourceNotFoundException", false],
    [500, "InternalServerException", InternalServerError, "InternalServerException", true],
    [503, "ServiceUnavailableException", ServiceUnavailableError, "ServiceUnavailableException", true],
    [429, "ModelNotReadyException", ModelError, "ModelNotReadyException", true],
    [408, "ModelTimeoutException", ModelError, "ModelTimeoutException", false],
    [424, "ModelErrorException", ModelError, "ModelErrorException", false],
    [424, "ModelStreamErrorException", ModelStreamError, "ModelStreamErrorException", false],
    [400, "ServiceQuotaExceededException", QuotaExceededError, "ServiceQuotaExceededException", false],
    [400, "ConflictException", UnknownServiceError, "ConflictException", false],
    [403, "InvalidSignatureException", AuthenticationError, "InvalidSignatureException", false],
    [403, "UnrecognizedClientException", AuthenticationError, "UnrecognizedClientException", false],
    [403, "ExpiredTokenException", AuthenticationError, "ExpiredTokenException", false],
  ] as const)("%i %s → %o", (status, type, cls, code, retryable) => {
    const error = errorFromResponse(response(status, type, { message: "what Bedrock said" }));
    expect(error).toBeInstanceOf(cls);
    expect(error).toBeInstanceOf(BedrockServiceError);
    expect(error).toBeInstanceOf(BedrockError);
    expect(error).toMatchObject({
      code,
      status,
      retryable,
      requestId: "6f1c0b7e-1111-2222-3333-444455556666",
      serviceMessage: "what Bedrock said",
    });
    expect(error.message).toContain("what Bedrock said");
    expect(error.message).toContain("6f1c0b7e-1111-2222-3333-444455556666");
  });

  it("reads Retry-After (seconds or HTTP date) into retryAfterMs", () => {
    const a = errorFromResponse(response(429, "ThrottlingException", { message: "Too many requests" }, { "retry-after": "3" }));
    expect(a).toBeInstanceOf(ThrottlingError);
    expect((a as ThrottlingError).retryAfterMs).toBe(3000);
    const now = Date.parse("2026-01-01T00:00:00Z");
    const b = errorFromResponse(response(429, undefined, "", { "retry-after": "Thu, 01 Jan 2026 00:00:05 GMT" }), { now });
    expect(b).toBeInstanceOf(ThrottlingError);
    expect((b as ThrottlingError).retryAfterMs).toBe(5000);
  });

  it("adds the inference-profile hint to on-demand throughput / invalid model id errors", () => {
    const onDemand = errorFromResponse(
      response(400, "ValidationException", {
        message:
          "Invocation of model ID anthropic.claude-3-5-sonnet-20241022-v2:0 with on-demand throughput isn’t supported. Retry your request with the ID or ARN of an inference profile that contains this model.",
      }),
    );
    expect(onDemand).toBeInstanceOf(ValidationError);
    expect(onDemand.message).toContain('"us.anthropic.claude-3-5-sonnet-20241022-v2:0"');
    const invalid = errorFromResponse(response(400, "ValidationException", { message: "The provided model identifier is invalid." }), {
      modelId: "anthropic.claude-opus-4-6-v1:0",
    });
    expect(invalid.message).toContain('"us.anthropic.claude-opus-4-6-v1:0"');
    const other = errorFromResponse(response(400, "ValidationException", { message: "messages: roles must alternate" }));
    expect(other.message).not.toContain("inference profile");
  });

  it("says what to do for access denied, bad signature and expired credentials", () => {
    const denied = errorFromResponse(response(403, "AccessDeniedException", { Message: "You don't have access to the model with the specified model ID." }));
    expect(denied.message).toMatch(/Model access/);
    expect(denied.message).toMatch(/bedrock:InvokeModelWithResponseStream/);
    expect((denied as AccessDeniedError).serviceMessage).toBe("You don't have access to the model with the specified model ID.");

    const badKey = errorFromResponse(response(403, "AccessDeniedException", { message: "Authentication failed: Please make sure your API Key is valid." }));
    expect(badKey).toBeInstanceOf(AccessDeniedError);
    expect(badKey.message).toMatch(/AWS_BEARER_TOKEN_BEDROCK/);
    expect(badKey.message).not.toMatch(/Model access/);

    const signature = errorFromResponse(response(403, "InvalidSignatureException", { message: "The request signature we calculated does not match the signature you provided." }));
    expect(signature.message).toMatch(/clock/);
    expect(signature.message).toMatch(/secret access key/);

    const expired = errorFromResponse(response(403, "UnrecognizedClientException", { message: "The security token included in the request is expired" }));
    expect(expired).toBeInstanceOf(AuthenticationError);
    expect(expired.code).toBe("UnrecognizedClientException");
    expect(expired.message).toMatch(/refresh/);

    const untyped = errorFromResponse(response(403, undefined, { message: "The security token included in the request is expired" }));
    expect(untyped).toBeInstanceOf(AuthenticationError);
  });

  it("maps by status when there is no error type, and survives empty and non-JSON bodies", () => {
    expect(errorFromResponse(response(429, undefined, ""))).toBeInstanceOf(ThrottlingError);
    expect(errorFromResponse(response(400, undefined, ""))).toBeInstanceOf(ValidationError);
    expect(errorFromResponse(response(403, undefined, ""))).toBeInstanceOf(AccessDeniedError);
    expect(errorFromResponse(response(404, undefined, ""))).toBeInstanceOf(ResourceNotFoundError);
    expect(errorFromResponse(response(500, undefined, ""))).toBeInstanceOf(InternalServerError);
    expect(errorFromResponse(response(503, undefined, ""))).toBeInstanceOf(ServiceUnavailableError);
    expect(errorFromResponse(response(502, undefined, "<html><body>Bad Gateway</body></html>"))).toMatchObject({
      name: "ServiceUnavailableError",
      retryable: true,
      serviceMessage: "Bad Gateway",
    });
    const teapot = errorFromResponse(response(418, undefined, "I'm a teapot"));
    expect(teapot).toBeInstanceOf(UnknownServiceError);
    expect(teapot).toMatchObject({ code: "HTTP418", retryable: false, serviceMessage: "I'm a teapot" });
    expect(errorFromResponse(response(599, "WeirdException", {}))).toMatchObject({ code: "WeirdException", retryable: true });
  });

  it("reads the error type from the body when the header is missing", () => {
    expect(errorFromResponse(response(400, undefined, { __type: "com.amazon.bedrock#ValidationException", message: "x" }))).toBeInstanceOf(ValidationError);
    expect(errorFromResponse(response(400, undefined, { code: "ServiceQuotaExceededException", message: "x" }))).toBeInstanceOf(QuotaExceededError);
  });

  it("finds headers whatever their case", () => {
    const error = errorFromResponse({ status: 429, headers: { "X-Amzn-ErrorType": "ThrottlingException", "X-Amzn-RequestId": "abc" }, body: new Uint8Array(0) });
    expect(error).toMatchObject({ name: "ThrottlingError", requestId: "abc" });
  });

  it("never puts a secret in the message (the signature error dumps the canonical request)", () => {
    const secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    const token = "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQDexampletokenvalue1234567890abcdefghijklmnop";
    const message = `The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.\n\nThe Canonical String for this request should have been\n'POST\n/model/x/converse-stream\n\nhost:bedrock-runtime.us-east-1.amazonaws.com\nx-amz-date:20260101T000000Z\nx-amz-security-token:${token}\n\nhost;x-amz-date;x-amz-security-token\nabcdef'\n\nThe String-to-Sign should have been\n'AWS4-HMAC-SHA256\n20260101T000000Z\n20260101/us-east-1/bedrock/aws4_request\n${"a".repeat(64)}'\n`;
    const error = errorFromResponse(response(403, "InvalidSignatureException", { message: `${message} key ${secret} Authorization: Bearer ABSKQmVkcm9ja0FQSUtleS1leGFtcGxl Credential=AKIAIOSFODNN7EXAMPLE/20260101` }));
    for (const text of [error.message, (error as AuthenticationError).serviceMessage ?? "", JSON.stringify(error)]) {
      expect(text).not.toContain(token);
      expect(text).not.toContain(token.slice(0, 30));
      expect(text).not.toContain(secret);
      expect(text).not.toContain("ABSKQmVkcm9ja0FQSUtleS1leGFtcGxl");
      expect(text).not.toContain("AKIAIOSFODNN7EXAMPLE");
      expect(text).not.toContain("Canonical String");
    }
    expect(error.message).toContain("The request signature we calculated does not match");
  });
});

describe("sanitizeErrorType / parseRetryAfter", () => {
  it("strips suffixes and namespaces like the AWS SDKs", () => {
    expect(sanitizeErrorType("ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/")).toBe("ThrottlingException");
    expect(sanitizeErrorType("com.amazonaws.bedrock#ValidationException")).toBe("ValidationException");
    expect(sanitizeErrorType("AccessDeniedException,Other")).toBe("AccessDeniedException");
    expect(sanitizeErrorType("")).toBeUndefined();
    expect(sanitizeErrorType(undefined)).toBeUndefined();
  });

  it("parses seconds and dates, ignores garbage, never negative", () => {
    expect(parseRetryAfter("0")).toBe(0);
    expect(parseRetryAfter("1.5")).toBe(1500);
    expect(parseRetryAfter("soon")).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:00 GMT", Date.parse("2026-01-02T00:00:00Z"))).toBe(0);
  });
});
