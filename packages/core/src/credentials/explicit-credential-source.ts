import { BedrockError } from "@streambed/transport";
import { CredentialsError } from "../errors/index.js";
import type { CredentialProvider, Credentials } from "../types/credentials.js";
import { checkCredentials } from "./check-credentials.js";
import type { CredentialSourceProvider } from "./credential-source.js";

/**
 * Credentials given to `createBedrock({ credentials })`: static keys, `{ bearerToken }`, or an async
 * provider. A provider may return `{ credentials, source }` (a `CredentialProvider`) or plain
 * credentials (so an AWS SDK provider such as `fromIni()` can be passed as is). Label: `explicit`.
 */
export function explicitCredentialSource(credentials: Credentials | CredentialProvider): CredentialSourceProvider {
  const label = "explicit";
  return {
    label,
    async load() {
      if (typeof credentials !== "function") return checkCredentials(credentials, "the credentials option");
      let result: unknown;
      try {
        result = await (credentials as () => Promise<unknown>)();
      } catch (error) {
        if (error instanceof BedrockError) throw error;
        throw new CredentialsError(`The credentials provider passed to createBedrock() failed: ${errorName(error)}.`, {
          source: label,
          cause: error,
        });
      }
      const r = result as { credentials?: unknown } | undefined;
      return checkCredentials(r && typeof r === "object" && "credentials" in r ? r.credentials : result, "the credentials provider");
    },
  };
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
