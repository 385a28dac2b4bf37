import { AwsErrorReply } from "../http/aws-error.js";
import { blocksOf, isObject, messagesOf, objects, type JsonObject } from "../validation/json.js";

/** The model's family as far as these rules care, from its id (`us.amazon.nova-pro-v1:0` → nova). */
function familyOf(modelId: string): "nova" | "claude" | "other" {
  const id = modelId.slice(modelId.lastIndexOf("/") + 1).toLowerCase();
  if (/(^|\.)amazon\.nova-/.test(id)) return "nova";
  if (/(^|\.)anthropic\.claude-/.test(id)) return "claude";
  return "other";
}

/** Claude 4.5 and later (structured output, 1-hour cache points): `claude-sonnet-4-5`, `claude-opus-4-6-v1`, `claude-haiku-4-5`. */
export function claudeFrom45(modelId: string): boolean {
  const m = /claude-(?:[a-z]+-)?(\d)(?:-(\d))?(?:-|$)/.exec(modelId.toLowerCase());
  if (!m) return false;
  const major = Number(m[1]);
  const minor = m[2] !== undefined ? Number(m[2]) : 0;
  return major > 4 || (major === 4 && minor >= 5);
}

function validation(message: string): AwsErrorReply {
  return new AwsErrorReply(400, "ValidationException", message);
}

// The shape of a model-schema rejection, as recorded for Nova's cachePoint in toolConfig.tools (NousResearch/hermes-agent #97281).
const extraneous = (pointer: string, key: string) => `The model returned the following errors: Malformed input request: #${pointer}: extraneous key [${key}] is not permitted, please reformat your input and try again.`;

interface Point {
  ttl: unknown;
  pointer: string;
  afterToolResult: boolean;
  inTools: boolean;
}

function cachePoints(body: JsonObject): Point[] {
  const points: Point[] = [];
  const tools = isObject(body["toolConfig"]) ? objects(body["toolConfig"]["tools"]) : [];
  tools.forEach((t, i) => isObject(t["cachePoint"]) && points.push({ ttl: t["cachePoint"]["ttl"], pointer: `/toolConfig/tools/${i}`, afterToolResult: false, inTools: true }));
  objects(body["system"]).forEach((b, i) => isObject(b["cachePoint"]) && points.push({ ttl: b["cachePoint"]["ttl"], pointer: `/system/${i}`, afterToolResult: false, inTools: false }));
  messagesOf(body).forEach((message, m) => {
    let toolResult = false;
    blocksOf(message).forEach((block, b) => {
      if (isObject(block["toolResult"])) toolResult = true;
      if (isObject(block["cachePoint"])) points.push({ ttl: block["cachePoint"]["ttl"], pointer: `/messages/${m}/content/${b}`, afterToolResult: toolResult, inTools: false });
    });
  });
  return points;
}

/**
 * Per-model rules for the 2025–2026 Converse features, after the generic checks (the emulator's
 * wording where Bedrock's is not recorded):
 * - Nova: a cache point in `toolConfig.tools` (Bedrock's recorded "extraneous key [cachePoint]"),
 *   or after a `toolResult` in a message (pi #2053), is refused.
 * - `ttl: "1h"` only on Claude 4.5 and later; cache-point ttls may not grow (tools → system → messages).
 * - Claude before 4.5: `outputConfig` and `strict` tools (structured output) refused.
 * - GovCloud (`us-gov-*`): `additionalModelRequestFields.thinking.display` refused.
 * - `additionalModelRequestFields.anthropic_beta` refused by any model but Claude (the model-schema shape).
 */
export function featureRuleError(body: JsonObject, modelId: string, region: string): AwsErrorReply | undefined {
  const family = familyOf(modelId);
  const points = cachePoints(body);
  if (family === "nova") {
    const inTools = points.find((p) => p.inTools);
    if (inTools) return validation(extraneous(inTools.pointer, "cachePoint"));
    const afterResult = points.find((p) => p.afterToolResult);
    if (afterResult) return validation(extraneous(afterResult.pointer, "cachePoint"));
  }
  if (family !== "other" && !(family === "claude" && claudeFrom45(modelId)) && points.some((p) => p.ttl === "1h")) {
    return validation("The model does not support a 1h TTL for cache points. Use 5m.");
  }
  let longest = 60;
  for (const p of points) {
    const minutes = p.ttl === "1h" ? 60 : 5;
    if (minutes > longest) return validation("A cache point with a longer TTL cannot follow a cache point with a shorter TTL (toolConfig, then system, then messages).");
    longest = minutes;
  }
  const tools = isObject(body["toolConfig"]) ? objects(body["toolConfig"]["tools"]) : [];
  const strict = tools.some((t) => isObject(t["toolSpec"]) && t["toolSpec"]["strict"] === true);
  if (family === "claude" && !claudeFrom45(modelId) && (body["outputConfig"] !== undefined || strict)) {
    return validation("This model doesn't support structured outputs (outputConfig.textFormat or strict tool use).");
  }
  const fields = body["additionalModelRequestFields"];
  if (family !== "claude" && isObject(fields) && fields["anthropic_beta"] !== undefined) return validation(extraneous("", "anthropic_beta"));
  const thinking = isObject(fields) ? fields["thinking"] : undefined;
  if (region.startsWith("us-gov-") && isObject(thinking) && thinking["display"] !== undefined) {
    return validation(extraneous("/thinking", "display"));
  }
  return undefined;
}
