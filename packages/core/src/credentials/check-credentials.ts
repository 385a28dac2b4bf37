import { CredentialsError } from "../errors/index.js";
import type { Credentials } from "../types/credentials.js";

/**
 * Checks that `value` is usable credentials — `{ bearerToken }` or `{ accessKeyId, secretAccessKey }`
 * (an AWS SDK identity, as returned by `fromIni()` etc., fits) — and returns a clean copy.
 * Throws a `CredentialsError` naming `source` otherwise; never echoes the value.
 */
export function checkCredentials(value: unknown, source: string): Credentials {
  const v = (value ?? {}) as Record<string, unknown>;
  const expiration = toDate(v.expiration, source);
  if (typeof v.bearerToken === "string") {
    if (!v.bearerToken.trim()) throw new CredentialsError(`The bearer token from ${source} is empty.`, { source });
    return expiration ? { bearerToken: v.bearerToken, expiration } : { bearerToken: v.bearerToken };
  }
  if (typeof v.accessKeyId === "string" && typeof v.secretAccessKey === "string" && v.accessKeyId && v.secretAccessKey) {
    return {
      accessKeyId: v.accessKeyId,
      secretAccessKey: v.secretAccessKey,
      ...(typeof v.sessionToken === "string" && v.sessionToken ? { sessionToken: v.sessionToken } : {}),
      ...(expiration ? { expiration } : {}),
    };
  }
  throw new CredentialsError(
    `The credentials from ${source} are incomplete: expected { bearerToken } or { accessKeyId, secretAccessKey, sessionToken? }.`,
    { source },
  );
}

function toDate(value: unknown, source: string): Date | undefined {
  if (value === undefined || value === null) return undefined;
  const date = value instanceof Date ? value : typeof value === "string" || typeof value === "number" ? new Date(value) : undefined;
  if (!date || Number.isNaN(date.getTime())) {
    throw new CredentialsError(`The credentials from ${source} have an invalid expiration; expected a Date or an ISO 8601 string.`, { source });
  }
  return date;
}
