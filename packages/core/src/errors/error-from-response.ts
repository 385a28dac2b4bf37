import { type BedrockError, utf8Decoder } from "@streambed/transport";
import { errorFromType } from "./error-from-type.js";
import { redactSecrets } from "./redact-secrets.js";

/** A non-2xx HTTP response, body already read (see `readBody` in @streambed/transport). */
export interface ErrorResponse {
  status: number;
  /** Lower-case header names. */
  headers: Record<string, string>;
  body: Uint8Array;
}

/**
 * Normalise an AWS error type the way the AWS SDKs do: take the part before `,` and `:` (drops
 * `:http://internal.amazon.com/coral/…` suffixes) and after `#` (drops smithy namespaces).
 */
export function sanitizeErrorType(raw: unknown): string | undefined {
  if (typeof raw !== "string" && typeof raw !== "number") return undefined;
  let value = String(raw);
  const comma = value.indexOf(",");
  if (comma >= 0) value = value.slice(0, comma);
  const colon = value.indexOf(":");
  if (colon >= 0) value = value.slice(0, colon);
  const hash = value.indexOf("#");
  if (hash >= 0) value = value.slice(hash + 1);
  value = value.trim();
  return value === "" ? undefined : value;
}

/**
 * `Retry-After` in milliseconds: delta-seconds or an HTTP date (relative to `now`). Undefined
 * when absent or unparseable; never negative.
 */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function header(headers: Record<string, string>, name: string): string | undefined {
  const value = headers[name];
  if (value !== undefined) return value;
  for (const key in headers) if (key.toLowerCase() === name) return headers[key];
  return undefined;
}

function field(body: Record<string, unknown> | undefined, ...names: string[]): unknown {
  if (body === undefined) return undefined;
  for (const name of names) if (body[name] !== undefined) return body[name];
  return undefined;
}

/**
 * A non-2xx Bedrock HTTP response → its typed error (see docs/errors.md), with `status`,
 * `requestId` (`x-amzn-requestid`), `retryable` and, for throttling, `retryAfterMs`.
 *
 * The error type comes from `x-amzn-errortype`, else the body's `code` / `__type`; the message
 * from the body's `message` / `Message`. A body that is empty or not JSON (a proxy's HTML page)
 * still gives a typed error from the status, with a short snippet of the text. Secrets are
 * redacted from every message.
 *
 * `context.modelId` (the id of the call) lets a "use an inference profile" hint name the exact id to try;
 * `context.credentialSource` (the `describe()` label of the credentials sent, and `configFile` for the
 * config's key) lets a refused Bedrock API key be named where it is set.
 */
export function errorFromResponse(
  response: ErrorResponse,
  context: { modelId?: string; now?: number; credentialSource?: string; configFile?: string } = {},
): BedrockError {
  const headers = response.headers;
  const text = response.body.byteLength === 0 ? "" : utf8Decoder().decode(response.body);
  let body: Record<string, unknown> | undefined;
  if (text !== "") {
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
    } catch {
      body = undefined;
    }
  }
  const type = sanitizeErrorType(header(headers, "x-amzn-errortype") ?? field(body, "code", "Code", "__type"));
  const rawMessage = field(body, "message", "Message", "errorMessage");
  const serviceMessage = redactSecrets(
    typeof rawMessage === "string" ? rawMessage : body === undefined ? text.replace(/<[^>]*>/g, " ").slice(0, 300) : "",
  );
  const originalStatusCode = field(body, "originalStatusCode");
  const originalMessage = field(body, "originalMessage");
  const resourceName = field(body, "resourceName");
  return errorFromType({
    type,
    status: response.status,
    serviceMessage,
    requestId: header(headers, "x-amzn-requestid") ?? header(headers, "x-amz-request-id"),
    retryAfterMs: parseRetryAfter(header(headers, "retry-after"), context.now),
    originalStatusCode: typeof originalStatusCode === "number" ? originalStatusCode : undefined,
    originalMessage: typeof originalMessage === "string" ? redactSecrets(originalMessage) : undefined,
    resourceName: typeof resourceName === "string" ? resourceName : undefined,
    modelId: context.modelId,
    channel: `HTTP ${response.status}`,
    credentialSource: context.credentialSource,
    configFile: context.configFile,
  });
}
