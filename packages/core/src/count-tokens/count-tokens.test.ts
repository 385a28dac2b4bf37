import type { HttpResponse } from "@streambed/transport";
import { describe, expect, it } from "vitest";
import { InvalidResponseError } from "../errors/index.js";
import { buildConverseBody } from "../request/build-converse-body.js";
import { CLAUDE_46 } from "../request/test-helpers.js";
import { countTokensBody } from "./count-tokens-body.js";
import { readCountTokens } from "./read-count-tokens.js";

function reply(text: string): HttpResponse {
  return { status: 200, headers: {}, body: (async function* () { yield new TextEncoder().encode(text); })() };
}

async function first(response: HttpResponse) {
  for await (const c of readCountTokens(response, { requestId: "r-1" })) return c;
  throw new Error("no count");
}

describe("countTokensBody", () => {
  it("keeps what ConverseTokensRequest takes and drops the rest", () => {
    const converse = buildConverseBody(
      {
        system: "terse",
        messages: [{ role: "user", content: "hi" }],
        tools: [{ name: "t", parameters: {} }],
        maxTokens: 10,
        serviceTier: "flex",
        reasoning: "low",
        requestMetadata: { a: "b" },
      },
      CLAUDE_46,
    );
    const body = countTokensBody(converse);
    expect(Object.keys(body.input.converse).sort()).toEqual(["additionalModelRequestFields", "messages", "system", "toolConfig"]);
    expect(body.input.converse.messages).toBe(converse.messages);
  });
});

describe("readCountTokens", () => {
  it("reads { inputTokens }", async () => {
    expect(await first(reply('{"inputTokens":42}'))).toEqual({ inputTokens: 42 });
  });
  it("a body that is not Bedrock's is an InvalidResponseError with the request id", async () => {
    for (const text of ["<html>", '{"count":1}', '{"inputTokens":-1}']) {
      const error = await first(reply(text)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidResponseError);
      expect((error as InvalidResponseError).requestId).toBe("r-1");
    }
  });
});
