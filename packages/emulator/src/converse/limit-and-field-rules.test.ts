import { describe, expect, it } from "vitest";
import { checkModelRules, type ModelRuleContext } from "./limit-and-field-rules.js";

const claude35: ModelRuleContext = { modelId: "anthropic.claude-3-5-sonnet-20240620-v1:0", provider: "Anthropic", refused: new Set() };
const user = (text: string) => ({ role: "user", content: [{ text }] });

describe("model limits and refused fields", () => {
  it("maxTokens above the model's maximum: Bedrock's text (vercel/ai #2772, Claude 3.5 Sonnet)", () => {
    const reply = checkModelRules({ messages: [user("hi")], inferenceConfig: { maxTokens: 7168 } }, claude35);
    expect(reply).toMatchObject({
      status: 400,
      type: "ValidationException",
      message: "The maximum tokens you requested exceeds the model limit of 4096. Try again with a maximum tokens value that is lower than 4096.",
    });
    expect(checkModelRules({ messages: [user("hi")], inferenceConfig: { maxTokens: 4096 } }, claude35)).toBeUndefined();
  });

  it("a prompt over the context window: Claude's 'prompt is too long' (moca #254), others 'Input is too long for requested model.'", () => {
    const limits = { "anthropic.claude-3-5-sonnet-20240620-v1:0": { contextWindow: 10 }, "amazon.nova-micro-v1:0": { contextWindow: 10 } };
    const long = { messages: [user("x".repeat(100))] };
    expect(checkModelRules(long, { ...claude35, limits })?.message).toBe("The model returned the following errors: prompt is too long: 26 tokens > 10 maximum");
    expect(checkModelRules(long, { modelId: "amazon.nova-micro-v1:0", provider: "Amazon", refused: new Set(), limits })?.message).toBe("Input is too long for requested model.");
    expect(checkModelRules({ messages: [user("x".repeat(30))] }, { ...claude35, limits })).toBeUndefined();
  });

  it("refuses the fields the header names with a JSON pointer, in Bedrock's model-schema shape (hermes-agent #97281)", () => {
    const refuse = (...fields: string[]): ModelRuleContext => ({ ...claude35, refused: new Set(fields) });
    const tools = { toolConfig: { tools: [{ toolSpec: { name: "t", inputSchema: { json: {} } } }, { cachePoint: { type: "default" } }] } };
    expect(checkModelRules({ messages: [user("hi")], ...tools }, refuse("cachePoint"))?.message).toBe(
      "The model returned the following errors: Malformed input request: #/toolConfig/tools/1: extraneous key [cachePoint] is not permitted, please reformat your input and try again.",
    );
    const withResult = {
      messages: [user("hi"), { role: "assistant", content: [{ toolUse: { toolUseId: "a", name: "t", input: {} } }] }, { role: "user", content: [{ toolResult: { toolUseId: "a", content: [{ text: "boom" }], status: "error" } }] }],
    };
    expect(checkModelRules(withResult, refuse("toolResult.status"))?.message).toContain("#/messages/2/content/0/toolResult: extraneous key [status] is not permitted");
    const thinking = { messages: [user("hi")], additionalModelRequestFields: { thinking: { type: "adaptive", display: "summarized" } } };
    expect(checkModelRules(thinking, refuse("thinking.display"))?.message).toContain("#/thinking: extraneous key [display] is not permitted");
    expect(checkModelRules(thinking, claude35)).toBeUndefined();
  });

  it("leaves unknown and emulator.* models alone", () => {
    expect(checkModelRules({ messages: [user("hi")], inferenceConfig: { maxTokens: 10_000_000 } }, { modelId: undefined, provider: undefined, refused: new Set() })).toBeUndefined();
    expect(checkModelRules({ messages: [user("hi")], inferenceConfig: { maxTokens: 10_000_000 } }, { modelId: "acme.unknown-v1", provider: "Acme", refused: new Set() })).toBeUndefined();
  });
});
