import { CredentialsExpiredError } from "../errors/credentials-expired-error.js";
import type { Credentials } from "../types/credentials.js";

/** What to do about expired credentials, by source label. */
function freshCredentialsHint(source: string): string {
  if (source === "env: AWS_ACCESS_KEY_ID") {
    return "AWS_CREDENTIAL_EXPIRATION says the keys in AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN are no longer valid: export fresh ones (e.g. `aws configure export-credentials --format env`, or assume the role again), or unset them to use a profile or role.";
  }
  if (source === "instance role (IMDS)") {
    return "The instance metadata service, asked again, still served them: it normally rotates role credentials well before they expire, so check this machine's clock (NTP/chrony) and the instance profile's role.";
  }
  return "Loading them again gave no fresh ones: refresh them at the source (aws sso login, assume the role again, a new session token) and check this machine's clock.";
}

/**
 * `credentials`, unless they carry an `expiration` at or before `now`: then a
 * {@link CredentialsExpiredError} naming `source`, so nothing is signed with them.
 */
export function checkNotExpired(credentials: Credentials, source: string, now: number): Credentials {
  const expiration = credentials.expiration;
  if (expiration === undefined || expiration.getTime() > now) return credentials;
  const ago = Math.round((now - expiration.getTime()) / 1000);
  throw new CredentialsExpiredError(
    `The credentials from ${source} expired at ${expiration.toISOString()} (${ago} s ago), so they were not used. ${freshCredentialsHint(source)}`,
    { source, expiration },
  );
}
