import { MAX_DOCUMENT_BYTES, MAX_DOCUMENTS, MAX_IMAGE_BYTES, MESSAGES } from "./bedrock-messages.js";
import { decodedSize } from "./decoded-size.js";
import { blocksOf, isObject, messagesOf, objects, type JsonObject } from "./json.js";

interface Media {
  kind: "image" | "document";
  path: string;
  member: JsonObject;
}

/** Every image and document of the request, in message blocks and inside tool results, with its path. */
function mediaOf(body: JsonObject): Media[] {
  const found: Media[] = [];
  const visit = (block: JsonObject, path: string) => {
    for (const kind of ["image", "document"] as const) {
      const member = block[kind];
      if (isObject(member)) found.push({ kind, path, member });
    }
  };
  messagesOf(body).forEach((message, m) =>
    blocksOf(message).forEach((block, b) => {
      const path = `messages.${m}.content.${b}`;
      visit(block, path);
      const result = block["toolResult"];
      if (isObject(result)) objects(result["content"]).forEach((inner, k) => visit(inner, `${path}.toolResult.content.${k}`));
    }),
  );
  return found;
}

function bytesOf(media: Media): number | undefined {
  const source = media.member["source"];
  return isObject(source) && typeof source["bytes"] === "string" ? decodedSize(source["bytes"]) : undefined;
}

/**
 * Images and documents: each image ≤ 3.75 MB and each document ≤ 4.5 MB (decoded bytes of a
 * `source.bytes`; `s3Location` sources are not sized), a text block in every message that has a
 * document, at most 5 documents in the whole request (tool results included), and no two documents
 * with the same name. The number of images is not limited here: Bedrock leaves it to the model
 * (newer Claude models take more than the documented 20), so the emulator does not guess. Returns the first violation's message, or `undefined`.
 */
export function mediaLimitError(body: JsonObject): string | undefined {
  const media = mediaOf(body);
  for (const item of media) {
    const bytes = bytesOf(item);
    if (bytes === undefined) continue;
    if (item.kind === "image" && bytes > MAX_IMAGE_BYTES) return MESSAGES.imageTooLarge(item.path, bytes);
    if (item.kind === "document" && bytes > MAX_DOCUMENT_BYTES) return MESSAGES.documentTooLarge(item.path, bytes);
  }
  for (const message of messagesOf(body)) {
    const blocks = blocksOf(message);
    if (blocks.some((b) => isObject(b["document"])) && !blocks.some((b) => typeof b["text"] === "string")) return MESSAGES.documentNeedsText;
  }
  const documents = media.filter((m) => m.kind === "document");
  if (documents.length > MAX_DOCUMENTS) return MESSAGES.tooManyDocuments;
  const names = documents.map((d) => d.member["name"]).filter((n): n is string => typeof n === "string");
  if (new Set(names).size !== names.length) return MESSAGES.duplicateDocumentNames;
  return undefined;
}
