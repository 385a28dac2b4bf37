import { encodeUtf8, type HttpResponse } from "@streambed/transport";
import { describe, expect, it } from "vitest";
import { UnexpectedContentTypeError, UnknownOperationError, ThrottlingError } from "../errors/index.js";
import { testModel } from "../request/test-helpers.js";
import { checkEventStreamReply } from "./check-event-stream-reply.js";
import { CORAL_UNKNOWN_OPERATION_CONVERSE_BODY, CORAL_UNKNOWN_OPERATION_STREAM_BODY } from "./fixtures/recorded-replies.js";
import { parseConverseResponse } from "./parse-converse-response.js";

function reply(contentType: string | undefined, text: string, chunkSize = 7): HttpResponse & { returned: () => boolean } {
  let returned = false;
  const bytes = encodeUtf8(text);
  const body: AsyncIterable<Uint8Array> = {
    [Symbol.asyncIterator]() {
      let offset = 0;
      return {
        next: async () => {
          if (offset >= bytes.length) return { done: true, value: undefined };
          const chunk = bytes.subarray(offset, offset + chunkSize);
          offset += chunkSize;
          return { done: false, value: chunk };
        },
        return: async () => {
          returned = true;
          return { done: true, value: undefined };
        },
      };
    },
  };
  return {
    status: 200,
    headers: { "x-amzn-requestid": "req-17523", ...(contentType === undefined ? {} : { "content-type": contentType }) },
    body,
    returned: () => returned,
  };
}

const PATH = "/model/arn:aws:bedrock:eu-west-1:474668406012:inference-profile/eu.amazon.nova-lite-v1:0/converse-stream";

describe("checkEventStreamReply", () => {
  it("the recorded 200 Coral body (vercel/ai #17523) is an UnknownOperationError naming the operation, not a checksum error", async () => {
    const response = reply("application/json", CORAL_UNKNOWN_OPERATION_STREAM_BODY);
    const error = await checkEventStreamReply(response, { operation: "ConverseStream", path: PATH }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UnknownOperationError);
    expect(error).toMatchObject({ operation: "ConverseStream", path: PATH, status: 200, requestId: "req-17523", code: "UnknownOperationException", retryable: false });
    expect((error as Error).message).toContain("did not reach the ConverseStream operation");
    expect((error as Error).message).not.toMatch(/checksum|prelude/);
    expect(response.returned()).toBe(true);
  });

  it("another content type is an UnexpectedContentTypeError that says which, with the start of the body", async () => {
    const response = reply("text/html; charset=utf-8", "<html><body><h1>Welcome to the corporate proxy</h1></body></html>");
    const error = await checkEventStreamReply(response).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnexpectedContentTypeError);
    expect(error).toMatchObject({ contentType: "text/html; charset=utf-8", expectedContentType: "application/vnd.amazon.eventstream", retryable: false });
    expect((error as Error).message).toContain("has content-type text/html; charset=utf-8, not application/vnd.amazon.eventstream");
    expect((error as Error).message).toContain("Welcome to the corporate proxy");
  });

  it("another Coral type becomes that type's error", async () => {
    const error = await checkEventStreamReply(reply("application/json", '{"Output":{"__type":"com.amazon.coral.availability#ThrottlingException"},"Version":"1.0"}')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ThrottlingError);
  });

  it("reads at most 8 KiB of a wrong body, then releases it", async () => {
    const response = reply("text/plain", "x".repeat(1024 * 1024), 1024);
    const error = await checkEventStreamReply(response).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnexpectedContentTypeError);
    expect(response.returned()).toBe(true);
  });

  it("passes an event stream, with or without parameters, and a reply with no content type", async () => {
    await expect(checkEventStreamReply(reply("application/vnd.amazon.eventstream", ""))).resolves.toBeUndefined();
    await expect(checkEventStreamReply(reply("Application/VND.amazon.eventstream; charset=binary", ""))).resolves.toBeUndefined();
    await expect(checkEventStreamReply(reply(undefined, ""))).resolves.toBeUndefined();
  });
});

describe("parseConverseResponse: the recorded Coral body", () => {
  it("is an UnknownOperationError naming Converse", () => {
    const model = testModel("arn:aws:bedrock:eu-west-1:474668406012:inference-profile/eu.amazon.nova-lite-v1:0");
    expect(() => parseConverseResponse(JSON.parse(CORAL_UNKNOWN_OPERATION_CONVERSE_BODY), model, { requestId: "r1", path: "/model/x/converse" })).toThrow(
      expect.objectContaining({ name: "UnknownOperationError", operation: "Converse", path: "/model/x/converse", status: 200 }),
    );
  });
});
