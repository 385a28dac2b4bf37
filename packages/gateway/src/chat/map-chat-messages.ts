import type { AssistantMessage, ImageContent, Message, TextContent, ToolCall } from "@streambed/core";
import { invalidField } from "../errors/gateway-error.js";
import { absent, arrayAt, describe, objectAt, stringAt } from "../http/json-fields.js";
import { toolArguments } from "../http/request-fields.js";
import { imageFromUrl, type RemoteImageOptions } from "./image-source.js";

/** OpenAI chat messages turned into streambed's `system` and `messages`. */
export interface MappedConversation {
  system: string[];
  messages: Message[];
}

/** Text of a `system` / `developer` / `tool` message: a string or text parts. */
function textOf(content: unknown, param: string): string {
  if (typeof content === "string") return content;
  const parts = arrayAt(content, param);
  return parts
    .map((part, j) => {
      const p = objectAt(part, `${param}[${j}]`);
      if (p.type !== "text") throw invalidField(`${param}[${j}].type`, `only text parts are accepted here, got ${describe(p.type)}.`);
      return stringAt(p.text, `${param}[${j}].text`);
    })
    .join("\n");
}

/** A user message's content: text and `image_url` parts (other part types: 400 naming them). */
async function userContent(content: unknown, param: string, remote: RemoteImageOptions | undefined, signal: AbortSignal): Promise<string | Array<TextContent | ImageContent>> {
  if (typeof content === "string") return content;
  const parts = arrayAt(content, param);
  const out: Array<TextContent | ImageContent> = [];
  for (const [j, part] of parts.entries()) {
    const at = `${param}[${j}]`;
    const p = objectAt(part, at);
    if (p.type === "text") out.push({ type: "text", text: stringAt(p.text, `${at}.text`) });
    else if (p.type === "image_url") {
      const image = objectAt(p.image_url, `${at}.image_url`);
      out.push(await imageFromUrl(stringAt(image.url, `${at}.image_url.url`), `${at}.image_url.url`, remote, signal));
    } else throw invalidField(`${at}.type`, `${describe(p.type)} parts are not supported: send text and image_url parts.`, "unsupported_content");
  }
  return out;
}

/** An assistant message: text (string or text/refusal parts) and `tool_calls`. */
function assistantMessage(m: Record<string, unknown>, param: string, toolNames: Map<string, string>): AssistantMessage {
  const content: AssistantMessage["content"] = [];
  if (typeof m.content === "string") {
    if (m.content !== "") content.push({ type: "text", text: m.content });
  } else if (!absent(m.content)) {
    for (const [j, part] of arrayAt(m.content, `${param}.content`).entries()) {
      const p = objectAt(part, `${param}.content[${j}]`);
      const text = p.type === "refusal" ? p.refusal : p.type === "text" ? p.text : undefined;
      if (text === undefined) throw invalidField(`${param}.content[${j}].type`, "an assistant message's parts must be text or refusal.");
      content.push({ type: "text", text: stringAt(text, `${param}.content[${j}].${String(p.type)}`) });
    }
  }
  if (!absent(m.function_call)) throw invalidField(`${param}.function_call`, "the legacy function_call is not supported: use tool_calls.");
  if (!absent(m.tool_calls)) {
    for (const [j, call] of arrayAt(m.tool_calls, `${param}.tool_calls`).entries()) {
      const at = `${param}.tool_calls[${j}]`;
      const c = objectAt(call, at);
      if (c.type !== undefined && c.type !== "function") throw invalidField(`${at}.type`, `only "function" tool calls are supported, got ${describe(c.type)}.`);
      const fn = objectAt(c.function, `${at}.function`);
      const id = stringAt(c.id, `${at}.id`);
      const name = stringAt(fn.name, `${at}.function.name`);
      toolNames.set(id, name);
      const toolCall: ToolCall = { type: "toolCall", id, name, arguments: toolArguments(fn.arguments, `${at}.function.arguments`) };
      content.push(toolCall);
    }
  }
  return { role: "assistant", content, stopReason: content.some((c) => c.type === "toolCall") ? "toolUse" : "stop" };
}

/**
 * OpenAI `messages` → streambed's conversation: `system` and `developer` messages become the system
 * prompt (in order), `user` text and images, `assistant` text and tool calls, `tool` results (their
 * tool's name taken from the call they answer). Anything else is a 400 naming the field.
 */
export async function mapChatMessages(value: unknown, remote: RemoteImageOptions | undefined, signal: AbortSignal): Promise<MappedConversation> {
  const list = arrayAt(value, "messages");
  if (list.length === 0) throw invalidField("messages", "at least one message is needed.");
  const system: string[] = [];
  const messages: Message[] = [];
  const toolNames = new Map<string, string>();
  for (const [i, item] of list.entries()) {
    const param = `messages[${i}]`;
    const m = objectAt(item, param);
    switch (m.role) {
      case "system":
      case "developer":
        system.push(textOf(m.content, `${param}.content`));
        break;
      case "user":
        messages.push({ role: "user", content: await userContent(m.content, `${param}.content`, remote, signal) });
        break;
      case "assistant":
        messages.push(assistantMessage(m, param, toolNames));
        break;
      case "tool": {
        const toolCallId = stringAt(m.tool_call_id, `${param}.tool_call_id`);
        const toolName = toolNames.get(toolCallId);
        if (toolName === undefined) throw invalidField(`${param}.tool_call_id`, `no earlier assistant message has a tool call with id ${JSON.stringify(toolCallId)}.`);
        messages.push({ role: "toolResult", toolCallId, toolName, content: textOf(m.content, `${param}.content`) });
        break;
      }
      case "function":
        throw invalidField(`${param}.role`, "the legacy function role is not supported: use tool messages.");
      default:
        throw invalidField(`${param}.role`, `expected system, developer, user, assistant or tool, got ${describe(m.role)}.`);
    }
  }
  return { system, messages };
}
