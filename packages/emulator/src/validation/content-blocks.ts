import { CONTENT_BLOCK_KEYS, MESSAGES } from "./bedrock-messages.js";
import { blocksOf, messagesOf, type JsonObject } from "./json.js";

const KEYS: readonly string[] = CONTENT_BLOCK_KEYS;

/**
 * The shape of every message's content, message by message, block by block: content not empty,
 * each block exactly one `ContentBlock` member (unknown keys are ignored, as Bedrock's
 * deserializer does), `text` not blank (whitespace-only counts as blank), images and documents
 * only in user messages (tool results, which live in user messages, may carry images). Returns
 * the first violation's message, or `undefined`.
 */
export function contentBlockError(body: JsonObject): string | undefined {
  const messages = messagesOf(body);
  for (let m = 0; m < messages.length; m++) {
    const message = messages[m]!;
    if (Array.isArray(message["content"]) && message["content"].length === 0) return MESSAGES.emptyContent(m);
    const blocks = blocksOf(message);
    for (let b = 0; b < blocks.length; b++) {
      const block = blocks[b]!;
      const path = `messages.${m}.content.${b}`;
      const members = Object.keys(block).filter((k) => KEYS.includes(k) && block[k] !== undefined && block[k] !== null);
      if (members.length === 0) return MESSAGES.noMember(path);
      if (members.length > 1) return MESSAGES.manyMembers(path, members);
      const text = block["text"];
      if (typeof text === "string" && text.trim() === "") return MESSAGES.blankText(path);
      if (message["role"] === "assistant" && (members[0] === "image" || members[0] === "document")) return MESSAGES.mediaRole(path, members[0]);
    }
  }
  return undefined;
}
