import { InvalidRequestError } from "../errors/index.js";
import type { Model } from "../types/index.js";

/** Test fixture: a Model with the given id and sensible defaults. */
export function testModel(id: string, extra: Partial<Model> = {}): Model {
  return {
    id,
    name: id,
    api: "bedrock-converse-stream",
    provider: "amazon-bedrock",
    reasoning: true,
    input: ["text", "image"],
    cost: { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 },
    contextWindow: 200_000,
    maxTokens: 64_000,
    ...extra,
  };
}

export const CLAUDE_46 = testModel("us.anthropic.claude-opus-4-6-v1:0");
export const CLAUDE_45 = testModel("global.anthropic.claude-sonnet-4-5-20250929-v1:0");
export const CLAUDE_4 = testModel("us.anthropic.claude-sonnet-4-20250514-v1:0");
export const CLAUDE_47 = testModel("global.anthropic.claude-opus-4-7");
export const CLAUDE_37 = testModel("anthropic.claude-3-7-sonnet-20250219-v1:0", { maxTokens: 8192 });
export const NOVA_2 = testModel("us.amazon.nova-2-lite-v1:0");
export const NOVA_PRO = testModel("amazon.nova-pro-v1:0", { reasoning: false });
export const DEEPSEEK_R1 = testModel("us.deepseek.r1-v1:0", { input: ["text"] });
export const GPT_OSS = testModel("openai.gpt-oss-120b-1:0", { input: ["text"] });
export const LLAMA = testModel("us.meta.llama3-3-70b-instruct-v1:0", { reasoning: false, input: ["text"] });

/** Test helper: runs `fn`, expects an InvalidRequestError and returns it. */
export function catchInvalid(fn: () => unknown): InvalidRequestError {
  try {
    fn();
  } catch (e) {
    if (e instanceof InvalidRequestError) return e;
    throw e;
  }
  throw new Error("expected an InvalidRequestError, nothing was thrown");
}
