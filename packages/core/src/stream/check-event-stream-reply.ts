import { utf8Decoder, type HttpResponse } from "@streambed/transport";
import { coralErrorType, errorFromCoralBody } from "../errors/coral-error.js";
import { UnexpectedContentTypeError } from "../errors/reply-errors.js";
import { redactSecrets } from "../errors/redact-secrets.js";

/** The content type of every ConverseStream reply Bedrock sends. */
export const EVENT_STREAM_CONTENT_TYPE = "application/vnd.amazon.eventstream";

/** At most this much of a wrong body is read to say what it was. */
const SNIFF_BYTES = 8 * 1024;

/** Up to `limit` bytes of `body`; the body is returned (the connection released) after. */
async function readPrefix(body: AsyncIterable<Uint8Array>, limit: number): Promise<Uint8Array> {
  const iterator = body[Symbol.asyncIterator]();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < limit) {
      const next = await iterator.next();
      if (next.done) break;
      chunks.push(next.value);
      size += next.value.byteLength;
    }
  } finally {
    await iterator.return?.();
  }
  const out = new Uint8Array(Math.min(size, limit));
  let offset = 0;
  for (const chunk of chunks) {
    const part = chunk.subarray(0, out.length - offset);
    out.set(part, offset);
    offset += part.length;
    if (offset >= out.length) break;
  }
  return out;
}

/**
 * A 2xx ConverseStream reply must be an event stream. When its `content-type` says otherwise, the
 * body is read (at most 8 KiB, then the connection is released) and a typed error thrown instead of
 * letting the decoder report a "prelude checksum mismatch": a Coral error body (Bedrock's front end
 * could not route the request) → `UnknownOperationError` naming the operation; anything else →
 * `UnexpectedContentTypeError` with the type received and the start of the body. A reply with no
 * `content-type` is left to the decoder.
 */
export async function checkEventStreamReply(
  response: HttpResponse,
  context: { operation?: string; path?: string; modelId?: string } = {},
): Promise<void> {
  const contentType = response.headers["content-type"];
  if (contentType === undefined || contentType.split(";")[0]!.trim().toLowerCase() === EVENT_STREAM_CONTENT_TYPE) return;
  const operation = context.operation ?? "ConverseStream";
  const requestId = response.headers["x-amzn-requestid"];
  const text = utf8Decoder().decode(await readPrefix(response.body, SNIFF_BYTES));
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const coral = coralErrorType(json);
  if (coral !== undefined) throw errorFromCoralBody(coral, { operation, path: context.path, status: response.status, requestId, modelId: context.modelId });
  const snippet = redactSecrets(text.replace(/<[^>]*>/g, " ").replace(/\s+/g, " ").trim().slice(0, 200));
  throw new UnexpectedContentTypeError(
    `Bedrock's ${operation} reply (HTTP ${response.status}${requestId ? `, request ${requestId}` : ""}) has content-type ${contentType}, not ${EVENT_STREAM_CONTENT_TYPE}: something other than Bedrock's event stream answered (a proxy, a gateway page, or a non-Bedrock endpoint). ${snippet ? `It began: "${snippet}". ` : ""}Check the endpoint URL and any proxy in between; not retried.`,
    { status: response.status, requestId, contentType, expectedContentType: EVENT_STREAM_CONTENT_TYPE },
  );
}
