import { modelLimits, type EmulatorModelLimits } from "../catalogue/model-limits.js";
import { AwsErrorReply, validationError } from "../http/aws-error.js";
import { estimateTokens } from "./plan-to-events.js";
import { inputText } from "./request-info.js";

/** Header listing fields the model refuses, so a test can make Bedrock reject what streambed adds: `toolResult.status`, `thinking.display`, `cachePoint`. */
export const REFUSE_HEADER = "x-streambed-emulator-refuse";

/** What the rules need to know about the call. */
export interface ModelRuleContext {
  /** The foundation model behind the id called (undefined for `emulator.*` and unknown ids). */
  modelId: string | undefined;
  provider: string | undefined;
  /** Fields refused by {@link REFUSE_HEADER}. */
  refused: ReadonlySet<string>;
  /** Limits replacing the catalogue's, by foundation-model id (`EmulatorOptions.modelLimits`). */
  limits?: Record<string, Partial<EmulatorModelLimits>>;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === "object" && !Array.isArray(v);

// Bedrock's texts (docs/emulator.md "Model limits"; sources in core's errors/fixtures/recorded-limit-messages.ts):
const outputLimit = (n: number) => `The maximum tokens you requested exceeds the model limit of ${n}. Try again with a maximum tokens value that is lower than ${n}.`;
const promptTooLong = (tokens: number, n: number) => `The model returned the following errors: prompt is too long: ${tokens} tokens > ${n} maximum`;
const INPUT_TOO_LONG = "Input is too long for requested model.";
// The shape of a model-schema rejection (recorded for Nova's cachePoint in toolConfig.tools, NousResearch/hermes-agent #97281).
const extraneous = (pointer: string, key: string) => `The model returned the following errors: Malformed input request: #${pointer}: extraneous key [${key}] is not permitted, please reformat your input and try again.`;

/** A field the model refuses: the JSON pointer (in Converse's field names) and the key, or undefined. */
function refusedField(body: Json, ctx: ModelRuleContext): { pointer: string; key: string } | undefined {
  const tools = isObject(body["toolConfig"]) && Array.isArray(body["toolConfig"]["tools"]) ? (body["toolConfig"]["tools"] as unknown[]) : [];
  const refuseCache = ctx.refused.has("cachePoint");
  for (let i = 0; i < tools.length; i++) {
    if (refuseCache && isObject(tools[i]) && (tools[i] as Json)["cachePoint"] !== undefined) return { pointer: `/toolConfig/tools/${i}`, key: "cachePoint" };
  }
  if (refuseCache) {
    const system = Array.isArray(body["system"]) ? (body["system"] as unknown[]) : [];
    for (let i = 0; i < system.length; i++) if (isObject(system[i]) && (system[i] as Json)["cachePoint"] !== undefined) return { pointer: `/system/${i}`, key: "cachePoint" };
  }
  const messages = Array.isArray(body["messages"]) ? (body["messages"] as unknown[]) : [];
  for (let i = 0; i < messages.length; i++) {
    const content = isObject(messages[i]) && Array.isArray((messages[i] as Json)["content"]) ? ((messages[i] as Json)["content"] as unknown[]) : [];
    for (let j = 0; j < content.length; j++) {
      const block = content[j];
      if (!isObject(block)) continue;
      if (refuseCache && block["cachePoint"] !== undefined) return { pointer: `/messages/${i}/content/${j}`, key: "cachePoint" };
      if (ctx.refused.has("toolResult.status") && isObject(block["toolResult"]) && block["toolResult"]["status"] !== undefined) {
        return { pointer: `/messages/${i}/content/${j}/toolResult`, key: "status" };
      }
    }
  }
  const fields = body["additionalModelRequestFields"];
  const thinking = isObject(fields) ? fields["thinking"] : undefined;
  if (isObject(thinking) && thinking["display"] !== undefined && ctx.refused.has("thinking.display")) return { pointer: "/thinking", key: "display" };
  return undefined;
}

/**
 * Model-specific checks after the generic validation and the model rules (Nova's cache points,
 * GovCloud's `thinking.display`): a field {@link REFUSE_HEADER} names, refused in the shape Bedrock
 * uses for a field the model's schema does not take; `maxTokens` above the model's maximum output;
 * a prompt longer than its context window
 * (~4 characters per token, as the usage estimate). Answers with Bedrock's own texts; undefined
 * when the request passes.
 */
export function checkModelRules(body: Json, ctx: ModelRuleContext): AwsErrorReply | undefined {
  const refused = refusedField(body, ctx);
  if (refused) return validationError(extraneous(refused.pointer, refused.key));
  if (ctx.modelId === undefined) return undefined;
  const limits = modelLimits(ctx.modelId, ctx.limits);
  if (limits === undefined) return undefined;
  const inference = body["inferenceConfig"];
  const maxTokens = isObject(inference) ? inference["maxTokens"] : undefined;
  if (limits.maxTokens !== undefined && typeof maxTokens === "number" && maxTokens > limits.maxTokens) return validationError(outputLimit(limits.maxTokens));
  if (limits.contextWindow !== undefined) {
    const tokens = estimateTokens(inputText(body));
    if (tokens > limits.contextWindow) return validationError(ctx.provider === "Anthropic" ? promptTooLong(tokens, limits.contextWindow) : INPUT_TOO_LONG);
  }
  return undefined;
}
