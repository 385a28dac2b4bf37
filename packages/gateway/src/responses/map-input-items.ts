import type { AssistantMessage, ImageContent, Message, TextContent } from "@streambed/core";
import { imageFromUrl, type RemoteImageOptions } from "../chat/image-source.js";
import { invalidField } from "../errors/gateway-error.js";
import { absent, arrayAt, describe, objectAt, stringAt } from "../http/json-fields.js";
import { toolArguments } from "../http/request-fields.js";

/** Responses API `input` (and `instructions`) turned into streambed's system and messages. */
export interface MappedInput {
  system: string[];
  messages: Message[];
}

/** Text of `input_text` / `output_text` / `refusal` parts (or a string). */
function textParts(content: unknown, param: string, allowed: string[]): string {
  if (typeof content === "string") return content;
  return arrayAt(content, param)
    .map((part, j) => {
      const p = objectAt(part, `${param}[${j}]`);
      if (typeof p.type !== "string" || !allowed.includes(p.type)) throw invalidField(`${param}[${j}].type`, `expected ${allowed.join(" or ")} here, got ${describe(p.type)}.`);
      return stringAt(p.type === "refusal" ? p.refusal : p.text, `${param}[${j}].${p.type === "refusal" ? "refusal" : "text"}`);
    })
    .join("\n");
}

/** A user message's content: `input_text` and `input_image` (data URL, or http(s) when enabled). */
async function userParts(content: unknown, param: string, remote: RemoteImageOptions | undefined, signal: AbortSignal): Promise<string | Array<TextContent | ImageContent>> {
  if (typeof content === "string") return content;
  const out: Array<TextContent | ImageContent> = [];
  for (const [j, part] of arrayAt(content, param).entries()) {
    const at = `${param}[${j}]`;
    const p = objectAt(part, at);
    if (p.type === "input_text") out.push({ type: "text", text: stringAt(p.text, `${at}.text`) });
    else if (p.type === "input_image") {
      if (absent(p.image_url)) throw invalidField(`${at}.image_url`, "an image must come as image_url (a data URL); file ids are not supported.");
      out.push(await imageFromUrl(stringAt(p.image_url, `${at}.image_url`), `${at}.image_url`, remote, signal));
    } else throw invalidField(`${at}.type`, `${describe(p.type)} parts are not supported: send input_text and input_image.`, "unsupported_content");
  }
  return out;
}

/** An assistant message of its own (Bedrock merges consecutive assistant messages into one turn; streambed does). */
function assistant(content: AssistantMessage["content"]): AssistantMessage {
  return { role: "assistant", content, stopReason: content.some((c) => c.type === "toolCall") ? "toolUse" : "stop" };
}

/**
 * Responses API input items → streambed messages: messages by role (system/developer → system
 * prompt), `function_call` → an assistant tool call, `function_call_output` → its tool result,
 * `reasoning` → the assistant's thinking (text from `content`, signature from `encrypted_content`,
 * as this gateway sends them). Other item types: 400 naming the item.
 */
export async function mapInputItems(input: unknown, instructions: unknown, remote: RemoteImageOptions | undefined, signal: AbortSignal): Promise<MappedInput> {
  const system: string[] = [];
  if (!absent(instructions)) system.push(stringAt(instructions, "instructions"));
  if (typeof input === "string") return { system, messages: [{ role: "user", content: input }] };
  const items = arrayAt(input, "input");
  if (items.length === 0) throw invalidField("input", "at least one input item is needed.");
  const messages: Message[] = [];
  const toolNames = new Map<string, string>();
  for (const [i, raw] of items.entries()) {
    const param = `input[${i}]`;
    const item = objectAt(raw, param);
    const type = item.type ?? "message";
    if (type === "message") {
      if (item.role === "system" || item.role === "developer") system.push(textParts(item.content, `${param}.content`, ["input_text"]));
      else if (item.role === "user") messages.push({ role: "user", content: await userParts(item.content, `${param}.content`, remote, signal) });
      else if (item.role === "assistant") {
        const text = textParts(item.content, `${param}.content`, ["output_text", "refusal", "input_text"]);
        if (text !== "") messages.push(assistant([{ type: "text", text }]));
      } else throw invalidField(`${param}.role`, `expected user, assistant, system or developer, got ${describe(item.role)}.`);
    } else if (type === "function_call") {
      const callId = stringAt(item.call_id, `${param}.call_id`);
      const name = stringAt(item.name, `${param}.name`);
      toolNames.set(callId, name);
      messages.push(assistant([{ type: "toolCall", id: callId, name, arguments: toolArguments(item.arguments, `${param}.arguments`) }]));
    } else if (type === "function_call_output") {
      const callId = stringAt(item.call_id, `${param}.call_id`);
      const toolName = toolNames.get(callId);
      if (toolName === undefined) throw invalidField(`${param}.call_id`, `no earlier function_call item has call_id ${JSON.stringify(callId)}.`);
      messages.push({ role: "toolResult", toolCallId: callId, toolName, content: textParts(item.output, `${param}.output`, ["input_text"]) });
    } else if (type === "reasoning") {
      const content = absent(item.content) ? [] : arrayAt(item.content, `${param}.content`);
      const thinking = content.map((c, j) => stringAt(objectAt(c, `${param}.content[${j}]`).text, `${param}.content[${j}].text`)).join("");
      const signature = absent(item.encrypted_content) ? undefined : stringAt(item.encrypted_content, `${param}.encrypted_content`);
      if (thinking !== "" || signature !== undefined) messages.push(assistant([{ type: "thinking", thinking, ...(signature !== undefined ? { thinkingSignature: signature } : {}) }]));
    } else throw invalidField(`${param}.type`, `${describe(type)} items are not supported: send message, function_call, function_call_output and reasoning items.`, "unsupported_content");
  }
  return { system, messages };
}
