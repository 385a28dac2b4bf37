import { MESSAGES } from "./bedrock-messages.js";
import { messagesOf, type JsonObject } from "./json.js";

/** A conversation starts with a user message (an absent or empty `messages` fails too). */
export function firstMessageError(body: JsonObject): string | undefined {
  const messages = messagesOf(body);
  return messages.length === 0 || messages[0]!["role"] !== "user" ? MESSAGES.firstUser : undefined;
}

/** Roles alternate: no two user or two assistant messages in a row. */
export function alternationError(body: JsonObject): string | undefined {
  const messages = messagesOf(body);
  for (let i = 1; i < messages.length; i++) {
    if (messages[i]!["role"] === messages[i - 1]!["role"]) return MESSAGES.alternate;
  }
  return undefined;
}
