import { blocksOf, isObject, messagesOf, type JsonObject } from "../validation/json.js";

/** A ConverseStream `citation` delta / a Converse `Citation`, as Bedrock sends them. */
export interface CitationJson {
  title: string;
  sourceContent: Array<{ text: string }>;
  location: { documentChar: { documentIndex: number; start: number; end: number } };
}

function decodeText(bytes: string): string | undefined {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(atob(bytes), (c) => c.charCodeAt(0)));
  } catch {
    return undefined;
  }
}

/**
 * The citation the emulator's answer makes when the request has a document with
 * `citations: { enabled: true }`: the first such document (its index counts every document of the
 * request, in order), its first sentence (≤ 120 characters; text formats only, else its name) as
 * the cited span with its character offsets. `undefined` when no document asks for citations.
 */
export function citationFor(body: JsonObject): CitationJson | undefined {
  let documentIndex = 0;
  for (const message of messagesOf(body)) {
    for (const block of blocksOf(message)) {
      const document = block["document"];
      if (!isObject(document)) continue;
      const citations = document["citations"];
      if (isObject(citations) && citations["enabled"] === true) {
        const source = document["source"];
        const raw = isObject(source) && typeof source["bytes"] === "string" && ["txt", "md", "html", "csv"].includes(String(document["format"])) ? decodeText(source["bytes"]) : undefined;
        const text = raw !== undefined && raw.trim() !== "" ? raw : String(document["name"] ?? "document");
        const end = Math.min(text.length, Math.max(1, (/[.!?]/.exec(text)?.index ?? text.length - 1) + 1), 120);
        return { title: String(document["name"] ?? "document"), sourceContent: [{ text: text.slice(0, end) }], location: { documentChar: { documentIndex, start: 0, end } } };
      }
      documentIndex++;
    }
  }
  return undefined;
}
