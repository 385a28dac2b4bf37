import type { Api, BedrockOptions, Model, SimpleStreamOptions } from "@mariozechner/pi-ai";
import { adjustForThinking } from "./thinking-fields.js";

/**
 * `streamSimple`'s options → `stream`'s, as pi-ai's `streamSimpleBedrock` does: `maxTokens`
 * defaults to the model's, at most 32,000; with a reasoning level, older Claude gets `maxTokens`
 * raised by the thinking budget ({@link adjustForThinking}). Bedrock options a host passes here
 * (region, profile, toolChoice, …) are kept — pi-ai's own `streamSimple` would drop them.
 */
export function simpleToBedrockOptions(model: Model<Api>, options: SimpleStreamOptions | undefined): BedrockOptions {
  const bedrock: BedrockOptions = { ...(options as BedrockOptions | undefined) };
  bedrock.maxTokens = options?.maxTokens ?? (model.maxTokens > 0 ? Math.min(model.maxTokens, 32000) : undefined);
  const level = options?.reasoning;
  if (!level) {
    delete bedrock.reasoning;
    return bedrock;
  }
  const adjusted = adjustForThinking(model, bedrock.maxTokens, level, options?.thinkingBudgets);
  bedrock.maxTokens = adjusted.maxTokens;
  bedrock.thinkingBudgets = adjusted.thinkingBudgets;
  return bedrock;
}
