import type { StreamEvent } from "@streambed/core";
import { finishReasonOf } from "../chat/finish-reason.js";
import { tokenCountsOf, type TokenCounts } from "../chat/usage.js";
import type { GatewayError } from "../errors/gateway-error.js";
import type { EventEncoder } from "../http/stream-answer.js";
import type { ResponsesCall } from "./parse-responses-request.js";
import { outcomeOf, responseObject, responseUsageOf, type OutputItem } from "./response-object.js";

/**
 * streambed events → Responses API streaming events (`event: <type>` + `data: {…, sequence_number}`):
 * `response.created`, `response.in_progress`; per block `response.output_item.added`, then for
 * text `response.content_part.added` / `response.output_text.delta…done` / `response.content_part.done`,
 * for reasoning `response.reasoning_text.delta…done`, for a tool call
 * `response.function_call_arguments.delta…done`; `response.output_item.done`; at the end
 * `response.completed` (or `response.incomplete` for max tokens / content filter) with the usage.
 */
export class ResponsesEncoder implements EventEncoder {
  readonly state: { counts: TokenCounts | undefined; failed: string | undefined } = { counts: undefined, failed: undefined };
  private sequence = 0;
  private readonly output: OutputItem[] = [];
  /** streambed contentIndex → output index. */
  private readonly byContent = new Map<number, number>();

  constructor(
    private readonly id: string,
    private readonly created: number,
    private readonly call: ResponsesCall,
    private readonly newId: (prefix: string) => string,
  ) {}

  private emit(type: string, data: Record<string, unknown>): string {
    return `event: ${type}\ndata: ${JSON.stringify({ type, ...data, sequence_number: this.sequence++ })}\n\n`;
  }

  private response(status: string, extra: Record<string, unknown> = {}) {
    return responseObject(this.id, this.created, this.call, status, this.output, extra);
  }

  private open(contentIndex: number, item: OutputItem): { index: number; text: string } {
    const index = this.output.length;
    this.output.push(item);
    this.byContent.set(contentIndex, index);
    return { index, text: this.emit("response.output_item.added", { output_index: index, item: structuredClone(item) }) };
  }

  private at(contentIndex: number): { index: number; item: OutputItem } {
    const index = this.byContent.get(contentIndex)!;
    return { index, item: this.output[index]! };
  }

  event(ev: StreamEvent): string {
    switch (ev.type) {
      case "start":
        return this.emit("response.created", { response: this.response("in_progress") }) + this.emit("response.in_progress", { response: this.response("in_progress") });
      case "text_start": {
        const item: OutputItem = { id: this.newId("msg_"), type: "message", role: "assistant", status: "in_progress", content: [] };
        const { index, text } = this.open(ev.contentIndex, item);
        item.content.push({ type: "output_text", text: "", annotations: [] });
        return text + this.emit("response.content_part.added", { item_id: item.id, output_index: index, content_index: 0, part: { type: "output_text", text: "", annotations: [] } });
      }
      case "text_delta": {
        const { index, item } = this.at(ev.contentIndex);
        if (item.type !== "message" || ev.delta === "") return "";
        item.content[0]!.text += ev.delta;
        return this.emit("response.output_text.delta", { item_id: item.id, output_index: index, content_index: 0, delta: ev.delta, logprobs: [] });
      }
      case "text_end": {
        const { index, item } = this.at(ev.contentIndex);
        if (item.type !== "message") return "";
        item.status = "completed";
        const part = item.content[0]!;
        return (
          this.emit("response.output_text.done", { item_id: item.id, output_index: index, content_index: 0, text: part.text, logprobs: [] }) +
          this.emit("response.content_part.done", { item_id: item.id, output_index: index, content_index: 0, part }) +
          this.emit("response.output_item.done", { output_index: index, item })
        );
      }
      case "thinking_start": {
        const item: OutputItem = { id: this.newId("rs_"), type: "reasoning", summary: [], content: [{ type: "reasoning_text", text: "" }] };
        return this.open(ev.contentIndex, item).text;
      }
      case "thinking_delta": {
        const { index, item } = this.at(ev.contentIndex);
        if (item.type !== "reasoning" || ev.delta === "") return "";
        item.content![0]!.text += ev.delta;
        return this.emit("response.reasoning_text.delta", { item_id: item.id, output_index: index, content_index: 0, delta: ev.delta });
      }
      case "thinking_end": {
        const { index, item } = this.at(ev.contentIndex);
        if (item.type !== "reasoning") return "";
        const block = ev.partial.content[ev.contentIndex];
        if (this.call.includeEncrypted) item.encrypted_content = block?.type === "thinking" ? (block.thinkingSignature ?? null) : null;
        return this.emit("response.reasoning_text.done", { item_id: item.id, output_index: index, content_index: 0, text: item.content![0]!.text }) + this.emit("response.output_item.done", { output_index: index, item });
      }
      case "toolcall_start":
        return this.open(ev.contentIndex, { id: this.newId("fc_"), type: "function_call", status: "in_progress", call_id: ev.id, name: ev.name, arguments: "" }).text;
      case "toolcall_delta": {
        const { index, item } = this.at(ev.contentIndex);
        if (item.type !== "function_call" || ev.delta === "") return "";
        item.arguments += ev.delta;
        return this.emit("response.function_call_arguments.delta", { item_id: item.id, output_index: index, delta: ev.delta });
      }
      case "toolcall_end": {
        const { index, item } = this.at(ev.contentIndex);
        if (item.type !== "function_call") return "";
        item.status = "completed";
        item.arguments = ev.toolCall.rawArguments ?? item.arguments;
        return this.emit("response.function_call_arguments.done", { item_id: item.id, output_index: index, name: item.name, arguments: item.arguments }) + this.emit("response.output_item.done", { output_index: index, item });
      }
      case "usage":
        this.state.counts = tokenCountsOf(ev.usage);
        return "";
      case "done": {
        this.state.counts = tokenCountsOf(ev.message.usage) ?? this.state.counts;
        if (finishReasonOf(ev.reason) === undefined) {
          this.state.failed = ev.message.errorMessage ?? `The model's answer ended in an error (Bedrock stop reason ${ev.message.rawStopReason ?? ev.reason}).`;
          return "";
        }
        const { status, incomplete } = outcomeOf(ev.reason);
        const usage = this.state.counts ? responseUsageOf(this.state.counts) : null;
        return this.emit(status === "completed" ? "response.completed" : "response.incomplete", { response: this.response(status, { incomplete_details: incomplete, usage }) });
      }
      default:
        return "";
    }
  }

  /** A failure after the stream started: an `error` event, then `response.failed`. */
  error(error: GatewayError): string {
    const body = error.toBody().error;
    return (
      this.emit("error", { code: body.code, message: body.message, param: body.param }) +
      this.emit("response.failed", { response: this.response("failed", { error: { code: body.code ?? "server_error", message: body.message } }) })
    );
  }
}
