import { describe, expect, it } from "vitest";
import type { StreamRequest } from "../types/index.js";
import { buildConverseBody } from "./build-converse-body.js";
import { cacheRules } from "./prompt-caching.js";
import { catchInvalid, CLAUDE_37, CLAUDE_45, CLAUDE_46, LLAMA, NOVA_PRO, testModel } from "./test-helpers.js";

const tool = { name: "lookup", parameters: { type: "object" } };
const user = (text: string) => ({ role: "user" as const, content: text });
const withResult: StreamRequest["messages"] = [
  user("weather?"),
  { role: "assistant", content: [{ type: "toolCall", id: "t1", name: "lookup", arguments: {} }] },
  { role: "toolResult", toolCallId: "t1", toolName: "lookup", content: [{ type: "text", text: "sunny" }, { type: "cachePoint" }] },
];

describe("cache points where the caller puts them", () => {
  it("are sent where they are: tools, system, user message, after a tool result", () => {
    const body = buildConverseBody(
      {
        system: ["stable part", { type: "cachePoint", ttl: "1h" }, "changing part"],
        tools: [tool, { type: "cachePoint", ttl: "1h" }],
        messages: withResult,
      },
      CLAUDE_46,
    );
    expect(body.toolConfig!.tools[1]).toEqual({ cachePoint: { type: "default", ttl: "1h" } });
    expect(body.system).toEqual([{ text: "stable part" }, { cachePoint: { type: "default", ttl: "1h" } }, { text: "changing part" }]);
    expect(body.messages[2]!.content).toEqual([{ toolResult: { toolUseId: "t1", content: [{ text: "sunny" }] } }, { cachePoint: { type: "default" } }]);
  });

  it("replace the automatic ones: cache adds nothing more", () => {
    const body = buildConverseBody({ cache: "short", system: "s", messages: [{ role: "user", content: [{ type: "text", text: "q" }, { type: "cachePoint" }] }] }, CLAUDE_46);
    expect(body.system).toEqual([{ text: "s" }]);
    expect(body.messages[0]!.content).toEqual([{ text: "q" }, { cachePoint: { type: "default" } }]);
  });

  it("Nova: none in tools, none after a tool result, no 1h — each named by its place in the body", () => {
    expect(catchInvalid(() => buildConverseBody({ tools: [tool, { type: "cachePoint" }], messages: [user("x")] }, NOVA_PRO)).path).toBe("toolConfig.tools[1]");
    const after = catchInvalid(() => buildConverseBody({ tools: [tool], messages: withResult }, NOVA_PRO));
    expect(after.path).toBe("messages[2].content[1]");
    expect(after.message).toContain("after a tool result");
    expect(catchInvalid(() => buildConverseBody({ system: ["s", { type: "cachePoint", ttl: "1h" }], messages: [user("x")] }, NOVA_PRO)).path).toBe("system[1].ttl");
  });

  it("1h only from Claude 4.5; ttls may not grow; at most 4; bad ttl named", () => {
    expect(buildConverseBody({ system: ["s", { type: "cachePoint", ttl: "1h" }], messages: [user("x")] }, CLAUDE_45).system![1]).toEqual({ cachePoint: { type: "default", ttl: "1h" } });
    expect(catchInvalid(() => buildConverseBody({ system: ["s", { type: "cachePoint", ttl: "1h" }], messages: [user("x")] }, CLAUDE_37)).message).toContain("only 5-minute");
    const growing = catchInvalid(() => buildConverseBody({ system: ["s", { type: "cachePoint" }], messages: [{ role: "user", content: [{ type: "text", text: "q" }, { type: "cachePoint", ttl: "1h" }] }] }, CLAUDE_46));
    expect(growing.path).toBe("messages[0].content[1].ttl");
    const five = ["a", { type: "cachePoint" as const }, "b", { type: "cachePoint" as const }, "c", { type: "cachePoint" as const }, "d", { type: "cachePoint" as const }, "e", { type: "cachePoint" as const }];
    expect(catchInvalid(() => buildConverseBody({ system: five, messages: [user("x")] }, CLAUDE_46)).message).toContain("at most 4");
    expect(catchInvalid(() => buildConverseBody({ system: ["s", { type: "cachePoint", ttl: "2h" as never }], messages: [user("x")] }, CLAUDE_46)).path).toBe("system[1].ttl");
  });

  it("a model known not to cache is refused; forceCache true skips the checks; forceCache false removes them", () => {
    const old = testModel("anthropic.claude-3-haiku-20240307-v1:0");
    const request: StreamRequest = { system: ["s", { type: "cachePoint" }], messages: [user("x")] };
    expect(catchInvalid(() => buildConverseBody(request, old)).message).toContain("does not take cache points");
    expect(buildConverseBody({ ...request, forceCache: true }, old).system).toHaveLength(2);
    expect(buildConverseBody({ ...request, forceCache: false }, CLAUDE_46).system).toEqual([{ text: "s" }]);
    expect(buildConverseBody(request, LLAMA).system).toHaveLength(2); // unknown: sent, Bedrock decides
  });

  it("a user message holding only a cache point is empty", () => {
    expect(catchInvalid(() => buildConverseBody({ messages: [{ role: "user", content: [{ type: "cachePoint" }] }] }, CLAUDE_46)).message).toContain("empty");
  });
});

describe("cache: short/long placed for Nova", () => {
  it("skips a last user message holding a tool result, and keeps 5 minutes for long", () => {
    const body = buildConverseBody({ cache: "long", tools: [tool], messages: withResult.map((m) => (m.role === "toolResult" ? { ...m, content: "sunny" } : m)) }, NOVA_PRO);
    expect(body.messages[0]!.content.at(-1)).toEqual({ cachePoint: { type: "default" } });
    expect(body.messages[2]!.content.some((b) => "cachePoint" in b)).toBe(false);
  });
});

describe("cacheRules", () => {
  it("per family", () => {
    expect(cacheRules(CLAUDE_46)).toEqual({ tools: true, afterToolResult: true, oneHour: true, maxPoints: 4 });
    expect(cacheRules(CLAUDE_37).oneHour).toBe(false);
    expect(cacheRules(NOVA_PRO)).toEqual({ tools: false, afterToolResult: false, oneHour: false, maxPoints: 4 });
    expect(cacheRules(LLAMA).oneHour).toBeUndefined();
  });
});
