import { CredentialsError } from "../errors/index.js";
import { checkCredentials } from "./check-credentials.js";
import type { CredentialSourceProvider } from "./credential-source.js";

type Env = Record<string, string | undefined>;

const set = (value: string | undefined): string | undefined => (value && value.trim() ? value.trim() : undefined);

/**
 * Steps 1 and 2 of the chain, from environment variables: `AWS_BEARER_TOKEN_BEDROCK` (a Bedrock
 * API key, sent as `Authorization: Bearer`), then `AWS_ACCESS_KEY_ID` + `AWS_SECRET_ACCESS_KEY`
 * (+ `AWS_SESSION_TOKEN`, `AWS_CREDENTIAL_EXPIRATION`). The env object is read at each load.
 */
export function envCredentialSources(env: Env): CredentialSourceProvider[] {
  return [envBearerTokenSource(env), envAccessKeySource(env)];
}

/** Step 1: `AWS_BEARER_TOKEN_BEDROCK` (label `env: AWS_BEARER_TOKEN_BEDROCK`). */
export function envBearerTokenSource(env: Env): CredentialSourceProvider {
  return {
    label: "env: AWS_BEARER_TOKEN_BEDROCK",
    absent: "not set",
    async load() {
      const token = set(env.AWS_BEARER_TOKEN_BEDROCK);
      return token ? { bearerToken: token } : undefined;
    },
  };
}

/** Step 2: `AWS_ACCESS_KEY_ID` + `AWS_SECRET_ACCESS_KEY` (+ session token, expiration); label `env: AWS_ACCESS_KEY_ID`. */
export function envAccessKeySource(env: Env): CredentialSourceProvider {
  const label = "env: AWS_ACCESS_KEY_ID";
  return {
    label,
    absent: "not set",
    async load() {
      const accessKeyId = set(env.AWS_ACCESS_KEY_ID);
      const secretAccessKey = set(env.AWS_SECRET_ACCESS_KEY);
      if (!accessKeyId && !secretAccessKey) return undefined;
      if (!secretAccessKey) {
        throw new CredentialsError(
          "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not. Set both (and AWS_SESSION_TOKEN for temporary credentials), or unset AWS_ACCESS_KEY_ID to use a profile or role.",
          { source: label },
        );
      }
      if (!accessKeyId) {
        throw new CredentialsError(
          "AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not. Set both, or unset AWS_SECRET_ACCESS_KEY to use a profile or role.",
          { source: label },
        );
      }
      return checkCredentials(
        { accessKeyId, secretAccessKey, sessionToken: set(env.AWS_SESSION_TOKEN), expiration: set(env.AWS_CREDENTIAL_EXPIRATION) },
        "AWS_ACCESS_KEY_ID / AWS_CREDENTIAL_EXPIRATION",
      );
    },
  };
}
