import type { AssistantMessage } from "@streambed/core";
import { GatewayError } from "../errors/gateway-error.js";
import { finishReasonOf } from "./finish-reason.js";
import { chatUsageOf, tokenCountsOf, type ChatUsage } from "./usage.js";

/** A `chat.completion` object. */
export interface ChatCompletion {
  id: string;
  object: "chat.completion";
  created: number;
  model: string;
  choices: Array<{
    index: 0;
    message: {
      role: "assistant";
      content: string | null;
      refusal: null;
      reasoning_content?: string;
      tool_calls?: Array<{ id: string; type: "function"; function: { name: string; arguments: string } }>;
    };
    logprobs: null;
    finish_reason: string;
  }>;
  usage?: ChatUsage;
  /** The service tier Bedrock used, when it said. */
  service_tier?: string;
}

/**
 * streambed's finished message → a `chat.completion`: text parts joined as `content` (null when
 * there is none), reasoning as `reasoning_content`, tool calls with their arguments as JSON text
 * (the model's exact text when it was not an object), the finish reason and usage mapped as for
 * streams. A message that ended in an error (malformed model output) is a 502.
 */
export function chatCompletionOf(message: AssistantMessage, id: string, model: string, created: number): ChatCompletion {
  const finish = finishReasonOf(message.stopReason);
  if (finish === undefined) {
    throw new GatewayError(502, "server_error", message.errorMessage ?? `The model's answer ended in an error (Bedrock stop reason ${message.rawStopReason ?? message.stopReason}).`, { code: "model_error" });
  }
  let text: string | null = null;
  let reasoning: string | undefined;
  const toolCalls: NonNullable<ChatCompletion["choices"][0]["message"]["tool_calls"]> = [];
  for (const part of message.content) {
    if (part.type === "text") text = (text ?? "") + part.text;
    else if (part.type === "thinking") reasoning = (reasoning ?? "") + part.thinking;
    else toolCalls.push({ id: part.id, type: "function", function: { name: part.name, arguments: part.rawArguments ?? JSON.stringify(part.arguments) } });
  }
  const out: ChatCompletion["choices"][0]["message"] = { role: "assistant", content: text, refusal: null };
  if (reasoning !== undefined) out.reasoning_content = reasoning;
  if (toolCalls.length > 0) out.tool_calls = toolCalls;
  const completion: ChatCompletion = { id, object: "chat.completion", created, model, choices: [{ index: 0, message: out, logprobs: null, finish_reason: finish }] };
  const counts = tokenCountsOf(message.usage);
  if (counts) completion.usage = chatUsageOf(counts);
  if (message.serviceTier !== undefined) completion.service_tier = message.serviceTier;
  return completion;
}
