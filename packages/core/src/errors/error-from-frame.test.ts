import { decodeEventStream, encodeEventStreamMessage, type EventStreamMessage } from "@streambed/transport";
import { describe, expect, it } from "vitest";
import { errorFrame, exceptionFrame } from "../stream/fixtures/converse-stream-frames.js";
import { errorFromFrame } from "./error-from-frame.js";
import {
  InternalServerError,
  ModelStreamError,
  ServiceUnavailableError,
  ThrottlingError,
  UnknownServiceError,
  ValidationError,
} from "./service-errors.js";

async function decode(bytes: Uint8Array): Promise<EventStreamMessage> {
  async function* body() {
    yield bytes;
  }
  for await (const frame of decodeEventStream(body())) return frame;
  throw new Error("no frame");
}

describe("errorFromFrame", () => {
  it.each([
    ["internalServerException", InternalServerError, 500, true],
    ["modelStreamErrorException", ModelStreamError, 424, false],
    ["validationException", ValidationError, 400, false],
    ["throttlingException", ThrottlingError, 429, true],
    ["serviceUnavailableException", ServiceUnavailableError, 503, true],
  ] as const)("%s → %o", async (type, cls, status, retryable) => {
    const error = errorFromFrame(await decode(exceptionFrame(type, { message: "the message" })), { requestId: "rid" });
    expect(error).toBeInstanceOf(cls);
    expect(error).toMatchObject({ status, retryable, requestId: "rid", serviceMessage: "the message" });
    expect(error.code).toBe(type.charAt(0).toUpperCase() + type.slice(1));
  });

  it("keeps the model's original status and message of a modelStreamErrorException", async () => {
    const error = errorFromFrame(
      await decode(exceptionFrame("modelStreamErrorException", { message: "Model failed", originalStatusCode: 529, originalMessage: "Overloaded" })),
    );
    expect(error).toMatchObject({ originalStatusCode: 529, originalMessage: "Overloaded" });
    expect(error.message).toContain("The model said (529): Overloaded.");
  });

  it("maps an unknown exception type to UnknownServiceError with that code", async () => {
    const error = errorFromFrame(await decode(exceptionFrame("brandNewException", { message: "new" })));
    expect(error).toBeInstanceOf(UnknownServiceError);
    expect(error.code).toBe("BrandNewException");
  });

  it("survives a non-JSON exception payload", async () => {
    const frame = await decode(
      encodeEventStreamMessage({
        headers: { ":exception-type": { type: "string", value: "throttlingException" }, ":message-type": { type: "string", value: "exception" } },
        payload: new TextEncoder().encode("plain text"),
      }),
    );
    expect(errorFromFrame(frame)).toMatchObject({ name: "ThrottlingError", serviceMessage: "plain text" });
  });

  it("maps an unmodeled error frame to UnknownServiceError with :error-code and :error-message", async () => {
    const error = errorFromFrame(await decode(errorFrame("InternalFailure", "The request processing has failed because of an unknown error.")), {
      requestId: "rid",
    });
    expect(error).toBeInstanceOf(UnknownServiceError);
    expect(error).toMatchObject({ code: "InternalFailure", requestId: "rid", serviceMessage: "The request processing has failed because of an unknown error." });
    expect(error.message).toContain("because of an unknown error. The events received so far are valid");
    expect(error.message).not.toContain("..");
  });
});
