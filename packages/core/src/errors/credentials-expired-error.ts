import type { BedrockErrorOptions } from "@streambed/transport";
import { CredentialsError } from "./client-errors.js";

/**
 * The credentials a source gave had already expired, and loading them again (the chain always
 * reloads expired ones before use) gave no fresh ones. Nothing was signed with them. `source` names
 * the source, `expiration` is when they expired; the message says how to get fresh ones.
 */
export class CredentialsExpiredError extends CredentialsError {
  override name = "CredentialsExpiredError";
  readonly expiration: Date;
  constructor(message: string, options: BedrockErrorOptions & { source: string; expiration: Date }) {
    super(message, { code: "CredentialsExpired", ...options });
    this.expiration = options.expiration;
  }
}
