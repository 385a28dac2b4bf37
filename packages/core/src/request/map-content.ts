import type { CachePointContent, DocumentContent, ImageContent, Model, TextContent, VideoContent } from "../types/index.js";
import type { BedrockDocumentBlock, BedrockImageBlock, BedrockImageFormat, BedrockVideoBlock } from "./converse-body.js";
import { describeValue, invalidRequest, isPlainObject } from "./invalid-request.js";
import { mapMediaSource } from "./map-media-source.js";

const IMAGE_FORMATS: Record<string, BedrockImageFormat> = {
  "image/jpeg": "jpeg",
  "image/jpg": "jpeg",
  "image/png": "png",
  "image/gif": "gif",
  "image/webp": "webp",
};
const DOCUMENT_FORMATS = new Set(["pdf", "csv", "doc", "docx", "xls", "xlsx", "html", "txt", "md"]);
const VIDEO_FORMATS = new Set(["mkv", "mov", "mp4", "webm", "flv", "mpeg", "mpg", "wmv", "three_gp"]);

/** A block a user message or a tool result may hold. */
export type UserBlock = TextContent | ImageContent | DocumentContent | VideoContent | CachePointContent;

/** `image/png` (case-insensitive, parameters ignored; `image/jpg` accepted) → Bedrock's `{ format, source: { bytes } }`. */
export function mapImage(block: ImageContent, path: string, model: Model): BedrockImageBlock {
  if (Array.isArray(model.input) && !model.input.includes("image")) {
    invalidRequest(path, `model ${model.id} does not take images (its input is ${JSON.stringify(model.input)}). Remove the image or use a vision model.`);
  }
  const mime = typeof block.mimeType === "string" ? block.mimeType.split(";")[0]!.trim().toLowerCase() : "";
  const format = IMAGE_FORMATS[mime];
  if (format === undefined) {
    invalidRequest(`${path}.mimeType`, `image type ${describeValue(block.mimeType)} is not one Bedrock accepts. Use image/jpeg, image/png, image/gif or image/webp (convert other formats first).`);
  }
  return { format, source: mapMediaSource(block, path) };
}

/** A video → Bedrock's `{ format, source: { bytes } | { s3Location } }` (Nova reads video). */
export function mapVideo(block: VideoContent, path: string): BedrockVideoBlock {
  const format = typeof block.format === "string" ? block.format.toLowerCase() : "";
  if (!VIDEO_FORMATS.has(format)) {
    invalidRequest(`${path}.format`, `video format ${describeValue(block.format)} is not one Bedrock accepts. Use mkv, mov, mp4, webm, flv, mpeg, mpg, wmv or three_gp.`);
  }
  return { format: format as BedrockVideoBlock["format"], source: mapMediaSource(block, path) };
}

/**
 * A document → Bedrock's `{ format, name, source: { bytes } | { s3Location }, context?, citations? }`.
 * Bedrock only allows letters, digits, single spaces, hyphens, parentheses and square brackets in
 * `name`, so other characters (the `.` of `report.pdf`) become `-`; an empty name becomes
 * `document`. `citations: true` → `citations: { enabled: true }`.
 */
export function mapDocument(block: DocumentContent, path: string): BedrockDocumentBlock {
  const format = typeof block.format === "string" ? block.format.toLowerCase() : "";
  if (!DOCUMENT_FORMATS.has(format)) {
    invalidRequest(`${path}.format`, `document format ${describeValue(block.format)} is not one Bedrock accepts. Use pdf, csv, doc, docx, xls, xlsx, html, txt or md.`);
  }
  const out: BedrockDocumentBlock = { format: format as BedrockDocumentBlock["format"], name: documentName(block.name), source: mapMediaSource(block, path) };
  if (block.context !== undefined) {
    if (typeof block.context !== "string") invalidRequest(`${path}.context`, `expected a string, got ${describeValue(block.context)}.`);
    out.context = block.context;
  }
  if (block.citations !== undefined) {
    if (typeof block.citations !== "boolean") invalidRequest(`${path}.citations`, `expected true or false, got ${describeValue(block.citations)}.`);
    out.citations = { enabled: block.citations };
  }
  return out;
}

/** Bedrock's document-name rule applied: `Q3 report.final.pdf` → `Q3 report-final-pdf`. */
export function documentName(name: unknown): string {
  const cleaned = (typeof name === "string" ? name : "")
    .replace(/[^A-Za-z0-9\s\-()[\]]+/g, "-")
    .replace(/\s+/g, " ")
    .trim();
  return cleaned === "" ? "document" : cleaned;
}

/** A text / image / document block of a user message or tool result, validated; `type` names the kind. */
export function checkUserBlock(block: unknown, path: string): UserBlock {
  if (!isPlainObject(block)) invalidRequest(path, `expected a content block object, got ${describeValue(block)}.`);
  const type = block.type;
  if (type === "text") {
    if (typeof block.text !== "string") invalidRequest(`${path}.text`, "a text block needs `text` as a string.");
    return block as unknown as TextContent;
  }
  if (type === "image" || type === "document" || type === "video" || type === "cachePoint") return block as unknown as UserBlock;
  return invalidRequest(`${path}.type`, `unknown content block type ${describeValue(type)} here. User messages and tool results take "text", "image", "document", "video" and "cachePoint" blocks.`);
}
