import { describe, expect, it } from "vitest";
import type { StreamRequest } from "../types/index.js";
import { buildConverseBody } from "./build-converse-body.js";
import { isPromptArn } from "./map-converse-options.js";
import { catchInvalid, CLAUDE_46, testModel } from "./test-helpers.js";

const messages: StreamRequest["messages"] = [{ role: "user", content: "hi" }];
const PROMPT = "arn:aws:bedrock:us-east-1:123456789012:prompt/PROMPT1234:3";
const promptModel = testModel(PROMPT, { name: "my prompt" });

describe("serviceTier", () => {
  it.each(["priority", "default", "flex", "reserved"] as const)("%s → serviceTier.type", (tier) => {
    expect(buildConverseBody({ messages, serviceTier: tier }, CLAUDE_46).serviceTier).toStrictEqual({ type: tier });
  });
  it("rejects another tier", () => {
    expect(catchInvalid(() => buildConverseBody({ messages, serviceTier: "standard" as never }, CLAUDE_46)).path).toBe("serviceTier");
  });
});

describe("additionalModelResponseFieldPaths", () => {
  it("passes JSON Pointers through", () => {
    expect(buildConverseBody({ messages, additionalModelResponseFieldPaths: ["/stop_sequence", "/a~1b"] }, CLAUDE_46).additionalModelResponseFieldPaths).toStrictEqual(["/stop_sequence", "/a~1b"]);
  });
  it("rejects what Bedrock answers 400 to: empty, no leading slash, bad escape, more than 10", () => {
    for (const bad of ["", "stop_sequence", "/a~2"]) {
      expect(catchInvalid(() => buildConverseBody({ messages, additionalModelResponseFieldPaths: [bad] }, CLAUDE_46)).path).toBe("additionalModelResponseFieldPaths[0]");
    }
    const many = Array.from({ length: 11 }, (_, i) => `/f${i}`);
    expect(catchInvalid(() => buildConverseBody({ messages, additionalModelResponseFieldPaths: many }, CLAUDE_46)).message).toContain("at most 10");
  });
});

describe("Prompt management", () => {
  it("recognises prompt-version ARNs only", () => {
    expect(isPromptArn(PROMPT)).toBe(true);
    expect(isPromptArn("arn:aws-us-gov:bedrock:us-gov-west-1:123456789012:prompt/PROMPT1234")).toBe(true);
    expect(isPromptArn("arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-opus-4-6-v1:0")).toBe(false);
  });

  it("sends promptVariables as { text } and no messages when none are given", () => {
    const body = buildConverseBody({ model: PROMPT, messages: [], promptVariables: { topic: "rivers", tone: { text: "dry" } } }, promptModel);
    expect(body).toStrictEqual({ messages: [], promptVariables: { topic: { text: "rivers" }, tone: { text: "dry" } } });
  });

  it("appends the caller's messages; adds no reasoning, inference or cache fields of its own", () => {
    const body = buildConverseBody({ messages, reasoning: "high", cache: "long", promptVariables: { a: "b" } }, promptModel);
    expect(body).toStrictEqual({ messages: [{ role: "user", content: [{ text: "hi" }] }], promptVariables: { a: { text: "b" } } });
  });

  it("refuses the fields the prompt defines, naming them", () => {
    for (const extra of [{ system: "x" }, { maxTokens: 5 }, { temperature: 0.2 }, { tools: [{ name: "t", parameters: {} }] }, { additionalModelRequestFields: { a: 1 } }] as Array<Partial<StreamRequest>>) {
      const e = catchInvalid(() => buildConverseBody({ messages, ...extra }, promptModel));
      expect(e.path).toBe(Object.keys(extra)[0]);
      expect(e.message).toContain("Prompt management prompt defines");
    }
  });

  it("refuses promptVariables without a prompt ARN, and values that are not text", () => {
    expect(catchInvalid(() => buildConverseBody({ messages, promptVariables: { a: "b" } }, CLAUDE_46)).message).toContain("not a prompt ARN");
    expect(catchInvalid(() => buildConverseBody({ messages, promptVariables: { a: 3 as never } }, promptModel)).path).toBe("promptVariables.a");
  });
});
