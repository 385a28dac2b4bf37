import { blocksOf, isObject, messagesOf, objects, type JsonObject } from "./json.js";

const ROLES = ["user", "assistant"];
const IMAGE_FORMATS = ["png", "jpeg", "gif", "webp"];
const DOCUMENT_FORMATS = ["pdf", "csv", "doc", "docx", "xls", "xlsx", "html", "txt", "md"];
const MAX_STOP_SEQUENCES = 2500;

/** A value as Coral prints it in `Value '…'`: Java's float text for non-integral floats (`2.0`), lists as `[a, b]`. */
function show(value: unknown, float = false): string {
  if (typeof value === "number") return float && Number.isInteger(value) ? `${value}.0` : String(value);
  if (Array.isArray(value)) return `[${value.map((v) => show(v)).join(", ")}]`;
  return typeof value === "string" ? value : JSON.stringify(value);
}

function violation(value: unknown, path: string, constraint: string, float = false): string {
  return value === undefined || value === null
    ? `Value null at '${path}' failed to satisfy constraint: ${constraint}`
    : `Value '${show(value, float)}' at '${path}' failed to satisfy constraint: ${constraint}`;
}

function checkRange(out: string[], value: unknown, path: string, min: number, max: number | undefined, float: boolean): void {
  if (typeof value !== "number") return;
  if (value < min) out.push(violation(value, path, `Member must have value greater than or equal to ${min}`, float));
  else if (max !== undefined && value > max) out.push(violation(value, path, `Member must have value less than or equal to ${max}`, float));
}

function checkFormat(out: string[], block: JsonObject, path: string): void {
  for (const [kind, formats] of [["image", IMAGE_FORMATS], ["document", DOCUMENT_FORMATS]] as const) {
    const member = block[kind];
    if (!isObject(member) || member["format"] === undefined) continue;
    if (!formats.includes(member["format"] as string)) {
      out.push(violation(member["format"], `${path}.${kind}.format`, `Member must satisfy enum value set: [${formats.join(", ")}]`));
    }
  }
}

/**
 * Bedrock's generic (Coral) constraint checks on the shapes of the Converse request: message
 * roles and content present, roles in the enum, image/document formats in their enums,
 * `inferenceConfig` ranges (`maxTokens` ≥ 1, `temperature` and `topP` in [0, 1], at most 2500
 * non-empty `stopSequences`), a non-empty `toolConfig.tools`. Returns each violation as Coral
 * phrases it (1-based list paths with `.member`); `[]` when there is none. Model-specific rules
 * (Claude's `temperature` xor `topP`, per-model `maxTokens` ceilings) are not Bedrock's generic
 * checks and stay out.
 */
export function constraintViolations(body: JsonObject): string[] {
  const out: string[] = [];
  messagesOf(body).forEach((message, i) => {
    const at = `messages.${i + 1}.member`;
    const role = message["role"];
    if (role === undefined || role === null) out.push(violation(role, `${at}.role`, "Member must not be null"));
    else if (!ROLES.includes(role as string)) out.push(violation(role, `${at}.role`, `Member must satisfy enum value set: [${ROLES.join(", ")}]`));
    if (message["content"] === undefined || message["content"] === null) out.push(violation(null, `${at}.content`, "Member must not be null"));
    blocksOf(message).forEach((block, j) => {
      const blockAt = `${at}.content.${j + 1}.member`;
      checkFormat(out, block, blockAt);
      const result = block["toolResult"];
      if (isObject(result)) objects(result["content"]).forEach((inner, k) => checkFormat(out, inner, `${blockAt}.toolResult.content.${k + 1}.member`));
    });
  });
  const config = body["inferenceConfig"];
  if (isObject(config)) {
    checkRange(out, config["maxTokens"], "inferenceConfig.maxTokens", 1, undefined, false);
    checkRange(out, config["temperature"], "inferenceConfig.temperature", 0, 1, true);
    checkRange(out, config["topP"], "inferenceConfig.topP", 0, 1, true);
    const stops = config["stopSequences"];
    if (Array.isArray(stops)) {
      if (stops.length > MAX_STOP_SEQUENCES) {
        out.push(violation(stops, "inferenceConfig.stopSequences", `Member must have length less than or equal to ${MAX_STOP_SEQUENCES}`));
      }
      stops.forEach((s, k) => {
        if (s === "") out.push(violation(s, `inferenceConfig.stopSequences.${k + 1}.member`, "Member must have length greater than or equal to 1"));
      });
    }
  }
  const toolConfig = body["toolConfig"];
  if (isObject(toolConfig) && Array.isArray(toolConfig["tools"]) && toolConfig["tools"].length === 0) {
    out.push(violation(toolConfig["tools"], "toolConfig.tools", "Member must have length greater than or equal to 1"));
  }
  return out;
}

/** Coral's summary line: `1 validation error detected: …` / `2 validation errors detected: …; …`. */
export function constraintMessage(violations: string[]): string {
  const n = violations.length;
  return `${n} validation error${n === 1 ? "" : "s"} detected: ${violations.join("; ")}`;
}
