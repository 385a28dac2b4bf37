import type { AssistantMessage } from "@streambed/core";
import { finishReasonOf } from "../chat/finish-reason.js";
import type { TokenCounts } from "../chat/usage.js";
import type { ResponsesCall } from "./parse-responses-request.js";

/** An output item of a response (message, function call or reasoning). */
export type OutputItem =
  | { id: string; type: "message"; role: "assistant"; status: "in_progress" | "completed" | "incomplete"; content: Array<{ type: "output_text"; text: string; annotations: [] }> }
  | { id: string; type: "function_call"; status: "in_progress" | "completed"; call_id: string; name: string; arguments: string }
  | { id: string; type: "reasoning"; status?: "in_progress" | "completed"; summary: []; content?: Array<{ type: "reasoning_text"; text: string }>; encrypted_content?: string | null };

/** The status a finished answer has, and why it is incomplete. */
export function outcomeOf(stopReason: string | undefined): { status: "completed" | "incomplete"; incomplete: { reason: "max_output_tokens" | "content_filter" } | null } {
  const finish = finishReasonOf(stopReason);
  if (finish === "length") return { status: "incomplete", incomplete: { reason: "max_output_tokens" } };
  if (finish === "content_filter") return { status: "incomplete", incomplete: { reason: "content_filter" } };
  return { status: "completed", incomplete: null };
}

/**
 * Bedrock's counts → the Responses API's usage: input includes cached tokens (`cached_tokens` =
 * cache read). Bedrock does not split reasoning tokens out of its output count:
 * `reasoning_tokens` is 0 and the output count includes them.
 */
export function responseUsageOf(counts: TokenCounts) {
  const input = counts.input + counts.cacheRead + counts.cacheWrite;
  return {
    input_tokens: input,
    input_tokens_details: { cached_tokens: counts.cacheRead },
    output_tokens: counts.output,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: input + counts.output,
  };
}

/** A `response` object (`status` in_progress while streaming). */
export function responseObject(id: string, created: number, call: ResponsesCall, status: string, output: OutputItem[], extra: Record<string, unknown> = {}) {
  return {
    id,
    object: "response",
    created_at: created,
    status,
    error: null,
    incomplete_details: null,
    instructions: call.echo.instructions,
    max_output_tokens: call.echo.max_output_tokens,
    model: call.model,
    output,
    parallel_tool_calls: true,
    previous_response_id: null,
    reasoning: { effort: call.echo.effort, summary: null },
    store: false,
    temperature: call.echo.temperature,
    text: call.echo.text,
    tool_choice: call.echo.tool_choice,
    tools: call.echo.tools,
    top_p: call.echo.top_p,
    truncation: "disabled",
    metadata: call.echo.metadata,
    ...extra,
  };
}

/** streambed's finished message → the response's output items, in order. */
export function outputItemsOf(message: AssistantMessage, newId: (prefix: string) => string, includeEncrypted: boolean): OutputItem[] {
  const items: OutputItem[] = [];
  for (const part of message.content) {
    if (part.type === "text") {
      const last = items.at(-1);
      if (last?.type === "message") last.content[0]!.text += part.text;
      else items.push({ id: newId("msg_"), type: "message", role: "assistant", status: "completed", content: [{ type: "output_text", text: part.text, annotations: [] }] });
    } else if (part.type === "thinking") {
      const item: OutputItem = { id: newId("rs_"), type: "reasoning", summary: [], content: [{ type: "reasoning_text", text: part.thinking }] };
      if (includeEncrypted) item.encrypted_content = part.thinkingSignature ?? null;
      items.push(item);
    } else {
      items.push({ id: newId("fc_"), type: "function_call", status: "completed", call_id: part.id, name: part.name, arguments: part.rawArguments ?? JSON.stringify(part.arguments) });
    }
  }
  return items;
}
