import type { ImageContent } from "@streambed/core";
import { invalidField } from "../errors/gateway-error.js";

/** Image types Bedrock accepts. */
const IMAGE_TYPES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp"]);

/** Remote `http(s)` image URLs: refused unless this is given; then fetched within these limits. */
export interface RemoteImageOptions {
  /** Largest image fetched, in bytes (default 3,932,160: Bedrock's 3.75 MB). */
  maxBytes?: number;
  /** Time for the whole fetch, headers and body (default 10,000 ms). */
  timeoutMs?: number;
  /** The fetch to use (default `globalThis.fetch`). */
  fetch?: typeof fetch;
}

/** Bedrock's largest image, in bytes. */
export const MAX_IMAGE_BYTES = 3_932_160;

const DATA_URL = /^data:([^;,]+)((?:;[^;,]*)*?);base64,/i;

/** `image/jpg` is what many clients write for JPEG. */
function normaliseType(type: string): string {
  const t = type.trim().toLowerCase();
  return t === "image/jpg" ? "image/jpeg" : t;
}

function refuseType(param: string, type: string): never {
  throw invalidField(param, `image type ${JSON.stringify(type)} is not one Bedrock takes: use image/png, image/jpeg, image/gif or image/webp.`, "invalid_image_format");
}

/** A `data:image/…;base64,…` URL → streambed's image (base64 kept as it is; streambed decodes it). */
function fromDataUrl(url: string, param: string): ImageContent {
  const match = DATA_URL.exec(url);
  if (!match) throw invalidField(param, "a data URL must be base64: data:image/png;base64,<data>.", "invalid_image_url");
  const type = normaliseType(match[1]!);
  if (!IMAGE_TYPES.has(type)) refuseType(param, type);
  return { type: "image", mimeType: type, data: url.slice(match[0].length) };
}

/** Reads `body` up to `maxBytes`; more → a 400 naming `param` (and the rest is not read). */
async function readLimited(body: ReadableStream<Uint8Array>, maxBytes: number, param: string): Promise<Uint8Array> {
  const reader = body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) throw invalidField(param, `the image is larger than ${maxBytes} bytes, the most this gateway fetches.`, "image_too_large");
      parts.push(value);
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}

/** Fetches a remote image within the size and time limits; any failure is a 400 naming `param`. */
async function fromRemote(url: URL, param: string, options: RemoteImageOptions, signal: AbortSignal): Promise<ImageContent> {
  const maxBytes = options.maxBytes ?? MAX_IMAGE_BYTES;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const deadline = AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]);
  const doFetch = options.fetch ?? fetch;
  try {
    const response = await doFetch(url, { signal: deadline, redirect: "follow", headers: { accept: [...IMAGE_TYPES].join(", ") } });
    if (!response.ok || !response.body) {
      await response.body?.cancel().catch(() => undefined);
      throw invalidField(param, `fetching the image answered HTTP ${response.status}.`, "image_fetch_failed");
    }
    const type = normaliseType((response.headers.get("content-type") ?? "").split(";")[0] ?? "");
    if (!IMAGE_TYPES.has(type)) {
      await response.body.cancel().catch(() => undefined);
      refuseType(param, type);
    }
    const declared = Number(response.headers.get("content-length"));
    if (Number.isFinite(declared) && declared > maxBytes) {
      await response.body.cancel().catch(() => undefined);
      throw invalidField(param, `the image is ${declared} bytes, more than the ${maxBytes} this gateway fetches.`, "image_too_large");
    }
    return { type: "image", mimeType: type, data: await readLimited(response.body, maxBytes, param) };
  } catch (error) {
    if (error instanceof Error && error.name === "GatewayError") throw error;
    if (signal.aborted) throw error;
    const why = deadline.aborted ? `it took longer than ${timeoutMs} ms` : "the connection failed";
    throw invalidField(param, `the image could not be fetched: ${why}.`, "image_fetch_failed");
  }
}

/**
 * An `image_url.url` → streambed's image: a base64 data URL always; an `http(s)` URL only when
 * `remote` is given (fetched then, within its limits), else a 400 saying so.
 */
export async function imageFromUrl(url: string, param: string, remote: RemoteImageOptions | undefined, signal: AbortSignal): Promise<ImageContent> {
  if (url.slice(0, 5).toLowerCase() === "data:") return fromDataUrl(url, param);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw invalidField(param, "expected a data URL (data:image/png;base64,…) or an http(s) URL.", "invalid_image_url");
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw invalidField(param, `${parsed.protocol} URLs are not supported: send the image as a data URL (data:image/png;base64,…).`, "invalid_image_url");
  }
  if (!remote) {
    throw invalidField(param, "this gateway does not fetch remote images: send the image as a data URL (data:image/png;base64,…).", "remote_image_refused");
  }
  return fromRemote(parsed, param, remote, signal);
}
