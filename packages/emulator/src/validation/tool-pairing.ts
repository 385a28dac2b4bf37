import { MESSAGES } from "./bedrock-messages.js";
import { blocksOf, isObject, messagesOf, objects, type JsonObject } from "./json.js";

function members(message: JsonObject, kind: "toolUse" | "toolResult"): JsonObject[] {
  return blocksOf(message)
    .map((b) => b[kind])
    .filter(isObject);
}

/** `toolConfig` must be present when any message carries a `toolUse` or `toolResult` block. */
export function toolConfigError(body: JsonObject): string | undefined {
  if (body["toolConfig"] !== undefined && body["toolConfig"] !== null) return undefined;
  const usesTools = messagesOf(body).some((m) => blocksOf(m).some((b) => "toolUse" in b || "toolResult" in b));
  return usesTools ? MESSAGES.toolConfigMissing : undefined;
}

/**
 * Tool calls and results pair up turn by turn: a user message has no more `toolResult` blocks
 * than the assistant message before it has `toolUse` blocks (a first message has none before
 * it), and answers every one of those `toolUseId`s. An assistant message that ends the
 * conversation is not checked (there is no next turn yet). A result with `status: "error"` must
 * have content.
 */
export function toolPairingError(body: JsonObject): string | undefined {
  const messages = messagesOf(body);
  for (let m = 0; m < messages.length; m++) {
    const message = messages[m]!;
    if (message["role"] !== "user") continue;
    const previous = m > 0 && messages[m - 1]!["role"] === "assistant" ? messages[m - 1]! : undefined;
    const uses = previous ? members(previous, "toolUse").map((u) => String(u["toolUseId"])) : [];
    const results = members(message, "toolResult");
    if (results.length > uses.length) return MESSAGES.tooManyToolResults(m);
    const answered = new Set(results.map((r) => String(r["toolUseId"])));
    const missing = uses.filter((id) => !answered.has(id));
    if (missing.length > 0) return MESSAGES.missingToolResults(m, missing);
  }
  for (let m = 0; m < messages.length; m++) {
    const blocks = blocksOf(messages[m]!);
    for (let b = 0; b < blocks.length; b++) {
      const result = blocks[b]!["toolResult"];
      if (isObject(result) && result["status"] === "error" && objects(result["content"]).length === 0) {
        return MESSAGES.emptyErrorToolResult(`messages.${m}.content.${b}`);
      }
    }
  }
  return undefined;
}
