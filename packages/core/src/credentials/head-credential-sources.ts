import type { CredentialProvider, Credentials } from "../types/credentials.js";
import type { CredentialSourceProvider } from "./credential-source.js";
import { envAccessKeySource, envBearerTokenSource } from "./env-credential-sources.js";
import { explicitCredentialSource } from "./explicit-credential-source.js";

/**
 * The runtime-free head of a chain with its config step given (`ConfigReader.apiKeySource`, or none):
 * `explicit` → `env: AWS_BEARER_TOKEN_BEDROCK` → `configStep` → `env: AWS_ACCESS_KEY_ID`. What
 * `baseCredentialSources` builds; an edge chain calls it with the step its config carries, so a
 * chain without a config bundles no config code.
 */
export function headCredentialSources(
  options: { env: Record<string, string | undefined>; credentials?: Credentials | CredentialProvider | undefined },
  configStep?: CredentialSourceProvider,
): CredentialSourceProvider[] {
  return [
    ...(options.credentials ? [explicitCredentialSource(options.credentials)] : []),
    envBearerTokenSource(options.env),
    ...(configStep ? [configStep] : []),
    envAccessKeySource(options.env),
  ];
}
