import { encodeUtf8 } from "@streambed/transport";
import { describe, expect, it } from "vitest";
import { errorFromResponse } from "../errors/error-from-response.js";
import type { StreamRequest } from "../types/index.js";
import { addedByStreambed, omitRefusedFields, rejectedFieldOf, removeAddedField } from "./repair-added-field.js";

function validation(message: string) {
  return errorFromResponse({ status: 400, headers: { "x-amzn-errortype": "ValidationException" }, body: encodeUtf8(JSON.stringify({ message })) });
}

// NousResearch/hermes-agent #97281 (Nova Pro, ConverseStream), as Bedrock sent it.
const NOVA_TOOLS_CACHE_POINT =
  "The model returned the following errors: Malformed input request: #/toolConfig/tools/18: extraneous key [cachePoint] is not permitted, please reformat your input and try again.";

const hi: StreamRequest = { model: "m", messages: [{ role: "user", content: "hi" }] };

describe("rejectedFieldOf", () => {
  it("reads the JSON pointer and the key of Bedrock's model-schema rejection", () => {
    expect(rejectedFieldOf(validation(NOVA_TOOLS_CACHE_POINT))).toEqual({ pointer: "/toolConfig/tools/18", key: "cachePoint", kind: "cachePoint" });
    // danny-avila/LibreChat #13838, without the prefix.
    expect(rejectedFieldOf(validation("Malformed input request: #/toolConfig/tools/0: extraneous key [cachePoint] is not permitted"))?.kind).toBe("cachePoint");
    expect(rejectedFieldOf(validation("The model returned the following errors: Malformed input request: #/thinking: extraneous key [display] is not permitted, please reformat your input and try again."))?.kind).toBe("thinking.display");
    expect(rejectedFieldOf(validation("Malformed input request: #/messages/2/content/0/toolResult: extraneous key [status] is not permitted, please reformat your input and try again."))).toEqual({
      pointer: "/messages/2/content/0/toolResult",
      key: "status",
      kind: "toolResult.status",
    });
  });

  it("ignores keys streambed never adds and other errors", () => {
    expect(rejectedFieldOf(validation("Malformed input request: #/: extraneous key [top_k] is not permitted"))).toBeUndefined();
    expect(rejectedFieldOf(validation("Malformed input request: #/messages/1: extraneous key [display] is not permitted"))).toBeUndefined();
    expect(rejectedFieldOf(new Error(NOVA_TOOLS_CACHE_POINT))).toBeUndefined();
  });
});

describe("what streambed added", () => {
  it("cache points only when the caller placed none and did not force caching", () => {
    expect(addedByStreambed("cachePoint", { ...hi, cache: "short" })).toBe(true);
    expect(addedByStreambed("cachePoint", { ...hi, cache: "short", forceCache: true })).toBe(false);
    expect(addedByStreambed("cachePoint", { ...hi, system: ["be brief", { type: "cachePoint" }] })).toBe(false);
    expect(addedByStreambed("cachePoint", { ...hi, messages: [{ role: "user", content: [{ type: "text", text: "x" }, { type: "cachePoint" }] }] })).toBe(false);
  });

  it("thinking.display only when the caller wrote no thinking field", () => {
    expect(addedByStreambed("thinking.display", { ...hi, reasoning: "high" })).toBe(true);
    expect(addedByStreambed("thinking.display", { ...hi, additionalModelRequestFields: { thinking: { type: "adaptive", display: "summarized" } } })).toBe(false);
  });
});

describe("removeAddedField / omitRefusedFields", () => {
  it("takes out every cache point, thinking.display, and turns a status into text without dropping the result", () => {
    const body: Record<string, unknown> = {
      system: [{ text: "s" }, { cachePoint: { type: "default" } }],
      messages: [
        { role: "user", content: [{ text: "q" }] },
        { role: "assistant", content: [{ toolUse: { toolUseId: "a", name: "t", input: {} } }] },
        { role: "user", content: [{ toolResult: { toolUseId: "a", content: [{ text: "boom" }], status: "error" } }, { cachePoint: { type: "default" } }] },
      ],
      additionalModelRequestFields: { thinking: { type: "adaptive", display: "summarized" }, output_config: { effort: "high" } },
    };
    expect(removeAddedField(body, "cachePoint")).toBe(true);
    expect(removeAddedField(body, "thinking.display")).toBe(true);
    expect(removeAddedField(body, "toolResult.status")).toBe(true);
    expect(body).toEqual({
      system: [{ text: "s" }],
      messages: [
        { role: "user", content: [{ text: "q" }] },
        { role: "assistant", content: [{ toolUse: { toolUseId: "a", name: "t", input: {} } }] },
        { role: "user", content: [{ toolResult: { toolUseId: "a", content: [{ text: "The tool reported an error:" }, { text: "boom" }] } }] },
      ],
      additionalModelRequestFields: { thinking: { type: "adaptive" }, output_config: { effort: "high" } },
    });
    expect(removeAddedField(body, "cachePoint")).toBe(false);
  });

  it("leaves out remembered refusals, never the caller's own fields", () => {
    const mine = { ...hi, additionalModelRequestFields: { thinking: { type: "adaptive", display: "omitted" } } };
    const body = { messages: [], additionalModelRequestFields: { thinking: { type: "adaptive", display: "omitted" } } };
    expect(omitRefusedFields(body, mine, ["thinking.display", "something-else"])).toEqual([]);
    expect(body.additionalModelRequestFields.thinking.display).toBe("omitted");
    const ours = { messages: [], additionalModelRequestFields: { thinking: { type: "adaptive", display: "summarized" } } };
    expect(omitRefusedFields(ours, { ...hi, reasoning: "high" }, ["thinking.display"])).toEqual(["thinking.display"]);
    expect(ours.additionalModelRequestFields.thinking).toEqual({ type: "adaptive" });
  });
});
