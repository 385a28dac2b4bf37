import {
  createCredentialChain,
  envCredentialSources,
  explicitCredentialSource,
  type CredentialChain,
  type CredentialProvider,
  type Credentials,
} from "@streambed/core";

/**
 * The edge credential chain: the `credentials` option when given, then the bindings / env object
 * (`AWS_BEARER_TOKEN_BEDROCK`, then `AWS_ACCESS_KEY_ID` + `AWS_SECRET_ACCESS_KEY` +
 * `AWS_SESSION_TOKEN`). There is no profile, SSO, container or instance-role step: edge runtimes
 * have no files and no metadata service. Nothing found → `CredentialsNotFoundError` listing both.
 */
export function createEdgeCredentialChain(options: {
  env: Record<string, string | undefined>;
  credentials?: Credentials | CredentialProvider;
}): CredentialChain {
  return createCredentialChain([
    ...(options.credentials ? [explicitCredentialSource(options.credentials)] : []),
    ...envCredentialSources(options.env),
  ]);
}
