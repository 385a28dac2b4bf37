import type { Credentials } from "@streambed/core";
import { CredentialsError, redactSecrets, redactValues } from "@streambed/core";

/** The part of `@aws-sdk/credential-providers` streambed uses. */
export type AwsProviders = Pick<typeof import("@aws-sdk/credential-providers"), "fromIni" | "fromWebToken" | "fromHttp">;

let loading: Promise<AwsProviders> | undefined;

/** Imports `@aws-sdk/credential-providers` on first use only (steps 3–4), so importing streambed stays light. */
export function loadAwsProviders(): Promise<AwsProviders> {
  loading ??= import("@aws-sdk/credential-providers");
  return loading;
}

/** Runs an AWS SDK provider; its failure becomes a `CredentialsError` with a one-line, redacted message. */
export async function runAwsProvider(
  label: string,
  what: string,
  provider: () => Promise<unknown>,
  secrets: Array<string | undefined>,
  hint = "",
): Promise<Credentials> {
  try {
    return (await provider()) as Credentials;
  } catch (error) {
    // Only the first line, redacted: later lines may carry a credential_process's stderr. The cause is
    // a sanitized copy for the same reason (util.inspect prints causes). Redacted by value (the
    // secrets the load knows) and by shape: an STS error that echoes the request names the source
    // keys' id and the request's signature (found by the chaos run).
    const first = redactSecrets(redactValues((error instanceof Error ? error.message : String(error)).split("\n")[0]!.trim(), secrets));
    const cause = Object.assign(new Error(first), { name: error instanceof Error ? error.name : "Error" });
    throw new CredentialsError(`${what} failed: ${first}${hint ? ` ${hint}` : ""}`, { source: label, cause });
  }
}
