import type { CredentialDescription, ResolvedCredentials } from "../types/credentials.js";
import { maskAccessKeyId } from "./mask-access-key-id.js";

/** What may be shown about resolved credentials: kind, source, masked key id, expiration. Never a secret. */
export function describeCredentials(resolved: ResolvedCredentials): CredentialDescription {
  const c = resolved.credentials;
  const expiration = c.expiration ? { expiration: c.expiration.toISOString() } : {};
  if ("bearerToken" in c) return { source: resolved.source, kind: "bearer", ...expiration };
  return {
    source: resolved.source,
    kind: "sigv4",
    accessKeyId: maskAccessKeyId(c.accessKeyId),
    hasSessionToken: !!c.sessionToken,
    ...expiration,
  };
}
