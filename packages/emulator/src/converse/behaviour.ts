import { AwsErrorReply } from "../http/aws-error.js";
import type { ConverseRequestInfo, Reply, TokenUsage } from "../options.js";
import { loremText } from "./lorem.js";
import { randomId } from "./random.js";
import { lastToolResults } from "./request-info.js";
import { sampleToolInput } from "./tool-input.js";

/** What to say: the content of one assistant turn before it is chunked into events. */
export interface ContentPlan {
  reasoning?: { text: string; signature?: string };
  text: string;
  toolUse?: { toolUseId: string; name: string; input: unknown };
  stopReason?: string;
  usage?: Partial<TokenUsage>;
}

/** A parsed `x-streambed-emulator-behaviour` value. */
export interface BehaviourSpec {
  text: "echo" | "lorem";
  loremWords: number;
  /** `true`: call the first tool (forced); a string: call that tool. */
  tool: boolean | string;
  reasoning: boolean;
}

/** Behaviour names accepted in the header, the `emulator.<name>` model ids and {@link Reply.behaviour}. */
export const BEHAVIOURS = ["echo", "lorem", "lorem:<words>", "tool", "tool:<name>", "reasoning"];

/** Parse a comma-separated behaviour list such as `reasoning,lorem:200` (empty → echo). */
export function parseBehaviour(value: string | undefined): BehaviourSpec | AwsErrorReply {
  const spec: BehaviourSpec = { text: "echo", loremWords: 60, tool: false, reasoning: false };
  for (const item of (value ?? "").split(",").map((s) => s.trim()).filter(Boolean)) {
    const [name, arg] = [item.split(":")[0]!, item.slice(item.indexOf(":") + 1)];
    const hasArg = item.includes(":");
    if (name === "echo" && !hasArg) spec.text = "echo";
    else if (name === "lorem" && (!hasArg || /^\d+$/.test(arg))) {
      spec.text = "lorem";
      if (hasArg) spec.loremWords = Number(arg);
    } else if (name === "tool") spec.tool = hasArg && arg ? arg : true;
    else if (name === "reasoning" && !hasArg) spec.reasoning = true;
    else {
      return new AwsErrorReply(400, "ValidationException", `Unknown emulator behaviour "${item}". Use one or more of: ${BEHAVIOURS.join(", ")}.`);
    }
  }
  return spec;
}

function wantsTool(info: ConverseRequestInfo, spec: BehaviourSpec): string | undefined {
  if (lastToolResults(info.body)) return undefined;
  const choice = (info.body["toolConfig"] as { toolChoice?: { any?: unknown; tool?: { name?: string } } } | undefined)?.toolChoice;
  if (typeof spec.tool === "string") return spec.tool;
  if (choice?.tool?.name) return choice.tool.name;
  const first = info.tools[0]?.name;
  if (spec.tool) return first ?? "get_weather";
  if (!first) return undefined;
  if (choice?.any) return first;
  const prompt = info.lastUserText.toLowerCase();
  const named = info.tools.find((t) => prompt.includes(t.name.toLowerCase()) || prompt.includes(t.name.toLowerCase().replace(/_/g, " ")));
  if (named) return named.name;
  return /\b(use|call)\b.*\btools?\b/.test(prompt) ? first : undefined;
}

/** The built-in behaviours: echo or lorem text, reasoning when asked, a tool call when asked. */
export function planBehaviour(info: ConverseRequestInfo, spec: BehaviourSpec, random: () => number): ContentPlan {
  const results = lastToolResults(info.body);
  let text =
    spec.text === "lorem" ? loremText(spec.loremWords, random) : results || info.lastUserText || "(the last user message has no text)";
  const plan: ContentPlan = { text };
  if (spec.reasoning || info.thinkingRequested) {
    const topic = info.lastUserText.slice(0, 80) || "the conversation";
    plan.reasoning = {
      text: `The user wrote: "${topic}". Let me think about how to answer that. I will reply clearly and briefly.`,
      signature: randomId(random, 344),
    };
  }
  const toolName = wantsTool(info, spec);
  if (toolName) {
    const schema = info.tools.find((t) => t.name === toolName)?.inputSchema;
    text = `I'll use the ${toolName} tool.`;
    plan.text = text;
    plan.toolUse = { toolUseId: `tooluse_${randomId(random, 22)}`, name: toolName, input: sampleToolInput(schema, info.lastUserText) };
  }
  return plan;
}

/** A scripted reply's content as a plan. */
export function planReply(reply: Reply, random: () => number): ContentPlan {
  const plan: ContentPlan = { text: reply.text ?? "" };
  if (reply.reasoning !== undefined) {
    plan.reasoning = typeof reply.reasoning === "string" ? { text: reply.reasoning, signature: randomId(random, 344) } : reply.reasoning;
  }
  if (reply.toolUse) {
    plan.toolUse = { toolUseId: reply.toolUse.toolUseId ?? `tooluse_${randomId(random, 22)}`, name: reply.toolUse.name, input: reply.toolUse.input ?? {} };
  }
  if (reply.stopReason) plan.stopReason = reply.stopReason;
  if (reply.usage) plan.usage = reply.usage;
  return plan;
}
