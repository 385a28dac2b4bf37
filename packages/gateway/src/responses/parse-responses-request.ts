import type { StreamRequest, Tool, ToolChoice } from "@streambed/core";
import type { RemoteImageOptions } from "../chat/image-source.js";
import { invalidField } from "../errors/gateway-error.js";
import { absent, arrayAt, booleanAt, describe, numberAt, objectAt, stringAt } from "../http/json-fields.js";
import { functionTool, jsonSchemaFormat, namedToolChoice, reasoningOf, serviceTierOf, userMetadataOf } from "../http/request-fields.js";
import { mapInputItems } from "./map-input-items.js";

/** A Responses API request, read and checked. */
export interface ResponsesCall {
  model: string;
  stream: boolean;
  /** Send reasoning signatures back as `encrypted_content` (`include: ["reasoning.encrypted_content"]`). */
  includeEncrypted: boolean;
  /** Echoed in the response object. */
  echo: { text: unknown; instructions: string | null; temperature: number | null; top_p: number | null; max_output_tokens: number | null; tools: unknown[]; tool_choice: unknown; effort: string | null; metadata: Record<string, unknown> };
  request: Omit<StreamRequest, "model" | "signal">;
}

const FIELDS = new Set([
  "model", "input", "instructions", "stream", "max_output_tokens", "temperature", "top_p", "tools", "tool_choice", "parallel_tool_calls",
  "reasoning", "user", "metadata", "store", "include", "text", "truncation", "service_tier", "prompt_cache_key", "safety_identifier", "stream_options",
]);


function tools(value: unknown): Tool[] | undefined {
  if (absent(value)) return undefined;
  return arrayAt(value, "tools").map((raw, i) => {
    const t = objectAt(raw, `tools[${i}]`);
    if (t.type !== "function") throw invalidField(`tools[${i}].type`, `only "function" tools are supported (no hosted tools on Bedrock), got ${describe(t.type)}.`, "unsupported_parameter");
    return functionTool(t, `tools[${i}]`);
  });
}

function toolChoice(value: unknown, list: Tool[] | undefined): ToolChoice | undefined {
  if (absent(value)) return undefined;
  if (value === "none" || value === "auto") return value;
  if (value === "required") return "any";
  const c = objectAt(value, "tool_choice");
  if (c.type !== "function") throw invalidField("tool_choice.type", `expected "function", got ${describe(c.type)}.`);
  return namedToolChoice(c.name, list, "tool_choice.name");
}

/** Checks the fields that are accepted only at values that ask for nothing the gateway cannot do. */
function checkNeutral(body: Record<string, unknown>): void {
  if (!absent(body.text)) {
    if (!absent((body.text as Record<string, unknown>).verbosity) && (body.text as Record<string, unknown>).verbosity !== "medium") throw invalidField("text.verbosity", "only medium (Bedrock has no verbosity control).", "unsupported_parameter");
  }
  if (!absent(body.truncation) && body.truncation !== "disabled") throw invalidField("truncation", "only disabled: the gateway never drops input to fit the context window.", "unsupported_parameter");
  if (!absent(body.parallel_tool_calls) && !booleanAt(body.parallel_tool_calls, "parallel_tool_calls")) throw invalidField("parallel_tool_calls", "false is not supported: Bedrock's Converse API cannot forbid parallel tool calls.", "unsupported_parameter");
  if (!absent(body.include)) {
    for (const [i, v] of arrayAt(body.include, "include").entries()) if (v !== "reasoning.encrypted_content") throw invalidField(`include[${i}]`, `${describe(v)} is not supported: only reasoning.encrypted_content.`, "unsupported_parameter");
  }
}

/**
 * Reads a `POST /v1/responses` body. Stateless: nothing is stored (`store` is accepted and
 * ignored; `previous_response_id`, `conversation` and `background` are refused by name, as is any
 * other field the gateway does not know).
 */
export async function parseResponsesRequest(raw: unknown, remote: RemoteImageOptions | undefined, signal: AbortSignal): Promise<ResponsesCall> {
  const body = objectAt(raw, "body");
  for (const key of Object.keys(body)) {
    if (!FIELDS.has(key)) {
      const why = key === "previous_response_id" || key === "conversation" ? "this gateway stores no responses: send the whole conversation in input." : "this field is not supported by the gateway, and ignoring it could change the answer. Remove it.";
      throw invalidField(key, why, "unsupported_parameter");
    }
  }
  checkNeutral(body);
  const model = stringAt(body.model, "model");
  if (model === "") throw invalidField("model", "a model id is needed (GET /v1/models lists them).");
  const stream = absent(body.stream) ? false : booleanAt(body.stream, "stream");
  const { system, messages } = await mapInputItems(body.input, body.instructions, remote, signal);
  const request: ResponsesCall["request"] = { messages };
  const text = absent(body.text) ? undefined : objectAt(body.text, "text");
  const format = text && !absent(text.format) ? objectAt(text.format, "text.format") : undefined;
  const structured = format ? jsonSchemaFormat(format, "text.format", format, "text.format") : undefined;
  if (structured) request.responseFormat = structured;
  const tier = serviceTierOf(body.service_tier);
  if (tier) request.serviceTier = tier;
  if (system.length > 0) request.system = system;
  const list = tools(body.tools);
  if (list && list.length > 0) request.tools = list;
  const choice = toolChoice(body.tool_choice, list);
  if (choice !== undefined && request.tools) request.toolChoice = choice;
  if (!absent(body.max_output_tokens)) request.maxTokens = numberAt(body.max_output_tokens, "max_output_tokens", 1, 1_000_000, true);
  if (!absent(body.temperature)) request.temperature = numberAt(body.temperature, "temperature", 0, 2);
  if (!absent(body.top_p)) request.topP = numberAt(body.top_p, "top_p", 0, 1);
  let effort: string | null = null;
  if (!absent(body.reasoning)) {
    const r = objectAt(body.reasoning, "reasoning");
    if (!absent(r.effort)) {
      request.reasoning = reasoningOf(r.effort, "reasoning.effort");
      effort = r.effort as string;
    }
  }
  const metadata = absent(body.user) ? undefined : userMetadataOf(body.user);
  if (metadata) request.requestMetadata = metadata;
  const includeEncrypted = Array.isArray(body.include) && body.include.includes("reasoning.encrypted_content");
  return {
    model,
    stream,
    includeEncrypted,
    echo: {
      text: format ? { format } : { format: { type: "text" } },
      instructions: typeof body.instructions === "string" ? body.instructions : null,
      temperature: request.temperature ?? null,
      top_p: request.topP ?? null,
      max_output_tokens: request.maxTokens ?? null,
      tools: Array.isArray(body.tools) ? body.tools : [],
      tool_choice: body.tool_choice ?? "auto",
      effort,
      metadata: typeof body.metadata === "object" && body.metadata !== null ? (body.metadata as Record<string, unknown>) : {},
    },
    request,
  };
}
