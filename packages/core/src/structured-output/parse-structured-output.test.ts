import { describe, expect, it } from "vitest";
import type { AssistantMessage, ResponseFormat, StreamEvent } from "../types/index.js";
import { parseStructuredOutput } from "./parse-structured-output.js";
import type { SchemaCheck } from "./schema-check.js";
import { StructuredOutputError } from "./structured-output-error.js";
import { withStructuredOutput } from "./with-structured-output.js";

const format: ResponseFormat = {
  type: "json",
  schema: { type: "object", properties: { city: { type: "string" }, days: { type: "integer", minimum: 1 } }, required: ["city", "days"], additionalProperties: false },
};

const answer = (text: string, stopReason: AssistantMessage["stopReason"] = "stop"): AssistantMessage => ({
  role: "assistant",
  content: [{ type: "text", text: text.slice(0, 5) }, { type: "text", text: text.slice(5) }],
  stopReason,
});

/** A stand-in for a JSON Schema validator: `city` must be a string (what the real one says is tested in @streambed/node). */
const check: SchemaCheck = (_schema, value) => (typeof (value as { city?: unknown }).city === "string" ? [] : ["#/city: Instance type is not a string."]);

async function failure(text: string, stopReason?: AssistantMessage["stopReason"]): Promise<StructuredOutputError> {
  try {
    await parseStructuredOutput(answer(text, stopReason), format, check);
  } catch (e) {
    if (e instanceof StructuredOutputError) return e;
    throw e;
  }
  throw new Error("expected a StructuredOutputError");
}

describe("parseStructuredOutput", () => {
  it("puts the parsed JSON (text blocks joined) on message.parsed", async () => {
    const message = answer('{"city":"Lisbon","days":3}');
    await parseStructuredOutput(message, format, check);
    expect(message.parsed).toEqual({ city: "Lisbon", days: 3 });
  });

  it("text that is not JSON: a StructuredOutputError with the raw text; cut off at maxTokens says so", async () => {
    const e = await failure('{"city":"Lis');
    expect(e.raw).toBe('{"city":"Lis');
    expect(e.code).toBe("StructuredOutputInvalid");
    expect(e.retryable).toBe(false);
    expect(e.message).toContain("not valid JSON");
    expect((await failure('{"city":"Lis', "length")).message).toContain("cut off at maxTokens");
  });

  it("JSON that breaks the schema: the check's problems, the raw text", async () => {
    const e = await failure('{"city":7,"days":0}');
    expect(e.raw).toBe('{"city":7,"days":0}');
    expect(e.issues).toEqual(["#/city: Instance type is not a string."]);
    expect(e.message).toContain("does not match the responseFormat schema: #/city");
  });

  it("without a check, only the JSON is checked", async () => {
    const message = answer('{"city":7}');
    await parseStructuredOutput(message, format);
    expect(message.parsed).toEqual({ city: 7 });
  });

  it("leaves a tool call, a refusal or a filtered answer alone", async () => {
    for (const reason of ["toolUse", "refusal", "contentFilter", "error"] as const) {
      const message = answer("I can't help with that.", reason);
      await parseStructuredOutput(message, format);
      expect(message.parsed).toBeUndefined();
    }
  });
});

describe("withStructuredOutput", () => {
  async function* events(text: string): AsyncGenerator<StreamEvent, void, undefined> {
    const message = answer(text);
    yield { type: "start", partial: message };
    yield { type: "done", reason: "stop", message };
  }

  it("parses at done and passes every event through", async () => {
    const seen: StreamEvent[] = [];
    for await (const e of withStructuredOutput(events('{"city":"Oslo","days":2}'), format, check)) seen.push(e);
    expect(seen.map((e) => e.type)).toEqual(["start", "done"]);
    expect((seen[1] as Extract<StreamEvent, { type: "done" }>).message.parsed).toEqual({ city: "Oslo", days: 2 });
  });

  it("throws in place of done when the answer is not valid", async () => {
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const e of withStructuredOutput(events("nope"), format)) seen.push(e.type);
      })(),
    ).rejects.toBeInstanceOf(StructuredOutputError);
    expect(seen).toEqual(["start"]);
  });
});
