import type { AssistantMessage, Citation, CitationLocation } from "../types/index.js";

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function numbers(raw: Record<string, unknown>, keys: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of keys) if (typeof raw[k] === "number") out[k] = raw[k] as number;
  return out;
}

function location(raw: unknown): CitationLocation | undefined {
  if (!isObject(raw)) return undefined;
  for (const type of ["documentChar", "documentPage", "documentChunk"] as const) {
    const at = raw[type];
    if (isObject(at)) return { type, ...numbers(at, ["documentIndex", "start", "end"]) };
  }
  const web = raw["web"];
  if (isObject(web)) {
    const out: CitationLocation = { type: "web" };
    if (typeof web["url"] === "string") out.url = web["url"];
    if (typeof web["domain"] === "string") out.domain = web["domain"];
    return out;
  }
  return undefined;
}

/**
 * A Bedrock citation (a ConverseStream `citation` delta, or one of a Converse `citationsContent`
 * block's `citations`) → {@link Citation}: title, source, the cited passages joined as
 * `sourceText`, and where they are (document characters / pages / chunks, or a web page).
 * `undefined` when it is not an object.
 */
export function readCitation(raw: unknown): Citation | undefined {
  if (!isObject(raw)) return undefined;
  const citation: Citation = {};
  if (typeof raw["title"] === "string") citation.title = raw["title"];
  if (typeof raw["source"] === "string") citation.source = raw["source"];
  if (Array.isArray(raw["sourceContent"])) {
    citation.sourceText = raw["sourceContent"].map((p: unknown) => (isObject(p) && typeof p["text"] === "string" ? p["text"] : "")).join("");
  }
  const at = location(raw["location"]);
  if (at !== undefined) citation.location = at;
  return citation;
}

/**
 * What a reply says besides its content (the ConverseStream `metadata` event, or the Converse
 * response): `serviceTier.type` → `message.serviceTier`; `additionalModelResponseFields` (from
 * `messageStop` or the Converse response) → `message.additionalModelResponseFields`.
 */
export function applyReplyExtras(message: AssistantMessage, raw: { serviceTier?: unknown; additionalModelResponseFields?: unknown }): void {
  const tier = raw.serviceTier;
  if (isObject(tier) && typeof tier["type"] === "string") message.serviceTier = tier["type"];
  if (isObject(raw.additionalModelResponseFields)) message.additionalModelResponseFields = raw.additionalModelResponseFields;
}
