import { AwsErrorReply } from "../http/aws-error.js";
import type { ConverseRequestInfo } from "../options.js";
import { validateConverseBody } from "../validation/validate-converse-body.js";

type Block = Record<string, unknown>;
interface Message {
  role?: unknown;
  content?: unknown;
}

function textOfBlocks(content: unknown): string {
  if (!Array.isArray(content)) return "";
  return content
    .map((b: Block) => (typeof b?.["text"] === "string" ? (b["text"] as string) : ""))
    .filter((t) => t.length > 0)
    .join("\n");
}

/** The tool results in the last user message, rendered as text ("" when none). */
export function lastToolResults(body: Record<string, unknown>): string {
  const messages = Array.isArray(body["messages"]) ? (body["messages"] as Message[]) : [];
  const last = messages[messages.length - 1];
  if (!last || last.role !== "user" || !Array.isArray(last.content)) return "";
  const parts: string[] = [];
  for (const block of last.content as Block[]) {
    const result = block?.["toolResult"] as { toolUseId?: string; content?: Block[] } | undefined;
    if (!result) continue;
    const inner = (result.content ?? [])
      .map((c) => (typeof c["text"] === "string" ? c["text"] : c["json"] !== undefined ? JSON.stringify(c["json"]) : ""))
      .join(" ");
    parts.push(`Tool ${result.toolUseId ?? "?"} returned: ${inner}`);
  }
  return parts.join("\n");
}

/** All text a request sends (system + messages), for the input-token estimate. */
export function inputText(body: Record<string, unknown>): string {
  const messages = Array.isArray(body["messages"]) ? (body["messages"] as Message[]) : [];
  return [textOfBlocks(body["system"]), ...messages.map((m) => textOfBlocks(m.content))].join("\n");
}

/**
 * Parse and validate a Converse body the way Bedrock does (JSON, then {@link validateConverseBody};
 * with `validate: false` only a first user message and `toolConfig` with tool blocks are
 * checked), and extract what the behaviours need.
 */
export function readConverseRequest(
  raw: Uint8Array,
  base: Pick<ConverseRequestInfo, "operation" | "modelId" | "headers" | "region">,
  options: { validate?: boolean } = {},
): ConverseRequestInfo | AwsErrorReply {
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder().decode(raw));
  } catch {
    return new AwsErrorReply(400, "SerializationException", "The request body is not valid JSON.");
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return new AwsErrorReply(400, "SerializationException", "The request body must be a JSON object.");
  }
  const record = body as Record<string, unknown>;
  const invalid = validateConverseBody(record, { lenient: !(options.validate ?? true) });
  if (invalid) return invalid;
  const messages = record["messages"] as Message[];
  const toolConfig = record["toolConfig"] as { tools?: Array<{ toolSpec?: Record<string, unknown> }> } | undefined;
  const tools = (toolConfig?.tools ?? [])
    .map((t) => t.toolSpec)
    .filter((s): s is Record<string, unknown> => !!s && typeof s["name"] === "string")
    .map((s) => ({
      name: s["name"] as string,
      ...(typeof s["description"] === "string" ? { description: s["description"] as string } : {}),
      ...(s["inputSchema"] !== undefined ? { inputSchema: (s["inputSchema"] as { json?: unknown }).json ?? s["inputSchema"] } : {}),
    }));
  const extra = (record["additionalModelRequestFields"] ?? {}) as Record<string, { type?: unknown } | undefined>;
  const thinkingType = extra["thinking"]?.type ?? extra["reasoningConfig"]?.type ?? extra["reasoning_config"]?.type;
  const lastUser = [...messages].reverse().find((m) => m.role === "user");
  return {
    ...base,
    body: record,
    lastUserText: textOfBlocks(lastUser?.content),
    tools,
    thinkingRequested: thinkingType === "enabled" || thinkingType === "adaptive",
  };
}
