import { encodeUtf8, utf8Decoder } from "@streambed/transport";
import { createSecretRedactor, envSecrets } from "../credentials/index.js";
import type { DiscoveryResult } from "../discovery/index.js";
import type { Credentials } from "../types/index.js";
import type { DebugEntry } from "./client-options.js";

/** An HTTP response whose body was read. */
interface ReadResponse {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
}

/**
 * The exact secrets one client holds — the environment's (`AWS_SECRET_ACCESS_KEY`,
 * `AWS_SESSION_TOKEN`, `AWS_BEARER_TOKEN_BEDROCK` …), the config's (its API key, values at secret
 * keys or of a secret's shape), and the credentials each attempt signs with (secret key, session
 * token, bearer token) — and what removes them from everything the client hands out: error
 * responses before they are parsed, errors (message, stack, every string field, the cause chain),
 * debug entries and discovery results. A secret is removed whole in any encoding and by any
 * 8-character piece (`createSecretRedactor`), so an excerpt that a server or streambed cut in the
 * middle of a token keeps none of it.
 */
export interface ClientSecrets {
  /** The secrets of credentials about to sign a request (cheap when already known). */
  addCredentials(credentials: Credentials): void;
  /** More exact secrets (the config's: `ConfigReader.secrets`). */
  add(values: readonly (string | undefined)[]): void;
  /** Removes the secrets from a string. */
  redact(text: string): string;
  /** Removes the secrets from a non-2xx response (header values, and the body: JSON string values, or the text); a 2xx response is returned as it is. */
  response<R extends ReadResponse>(response: R): R;
  /** Removes the secrets from `error` and its causes, in place (message, stack, every own string field); returns it. */
  error<E>(error: E): E;
  /** A debug sink whose entries have the secrets removed. */
  debug(sink: ((entry: DebugEntry) => void) | undefined): ((entry: DebugEntry) => void) | undefined;
  /** A discovery result with the secrets removed from its reasons and error. */
  listing(result: DiscoveryResult): DiscoveryResult;
}

function redactJson(value: unknown, redact: (text: string) => string, depth: number): unknown {
  if (typeof value === "string") return redact(value);
  if (depth > 32 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((item) => redactJson(item, redact, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[redact(key)] = redactJson(item, redact, depth + 1);
  return out;
}

function scrub(error: unknown, redact: (text: string) => string, seen: Set<object>, depth: number): void {
  if (error === null || typeof error !== "object" || seen.has(error) || depth > 8) return;
  seen.add(error);
  for (const name of Object.getOwnPropertyNames(error)) {
    const descriptor = Object.getOwnPropertyDescriptor(error, name);
    if (descriptor === undefined || !("value" in descriptor)) continue;
    const value: unknown = descriptor.value;
    if (typeof value === "string") {
      const clean = redact(value);
      if (clean === value) continue;
      try {
        if (descriptor.writable) (error as Record<string, unknown>)[name] = clean;
        else if (descriptor.configurable) Object.defineProperty(error, name, { ...descriptor, value: clean });
      } catch {
        // A frozen foreign object: nothing to do.
      }
    } else if (name === "cause") {
      scrub(value, redact, seen, depth + 1);
    } else if (name === "errors" && Array.isArray(value)) {
      for (const item of value) scrub(item, redact, seen, depth + 1);
    }
  }
}

/** See {@link ClientSecrets}. `env`: the client's environment, whose secret variables are known from the start. */
export function createClientSecrets(env: Record<string, string | undefined>): ClientSecrets {
  const redactor = createSecretRedactor(envSecrets(env));
  const redact = (text: string) => redactor.redact(text);
  return {
    addCredentials(credentials) {
      const c = credentials as { secretAccessKey?: string; sessionToken?: string; bearerToken?: string };
      redactor.add([c.secretAccessKey, c.sessionToken, c.bearerToken]);
    },
    add(values) {
      redactor.add(values);
    },
    redact,
    response(response) {
      if ((response.status >= 200 && response.status < 300) || redactor.size === 0) return response;
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(response.headers)) headers[name] = redact(value);
      let body = response.body;
      if (body.byteLength > 0) {
        const text = utf8Decoder().decode(body);
        let clean: string;
        try {
          clean = JSON.stringify(redactJson(JSON.parse(text), redact, 0));
        } catch {
          clean = redact(text);
        }
        if (clean !== text) body = encodeUtf8(clean);
      }
      return { ...response, headers, body };
    },
    error(error) {
      if (redactor.size > 0) scrub(error, redact, new Set(), 0);
      return error;
    },
    debug(sink) {
      if (sink === undefined) return undefined;
      return (entry) => {
        if (redactor.size === 0) return sink(entry);
        const clean: DebugEntry = { ...entry };
        for (const [key, value] of Object.entries(entry)) if (typeof value === "string") clean[key] = redact(value);
        sink(clean);
      };
    },
    listing(result) {
      if (redactor.size === 0) return result;
      if (result.error) scrub(result.error, redact, new Set(), 0);
      return {
        ...result,
        ...(result.reason !== undefined ? { reason: redact(result.reason) } : {}),
        ...(result.profilesReason !== undefined ? { profilesReason: redact(result.profilesReason) } : {}),
      };
    },
  };
}
