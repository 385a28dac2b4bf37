import type { CredentialSourceProvider } from "@streambed/core";
import { envSecrets } from "@streambed/core";
import { loadAwsProviders, runAwsProvider, type AwsProviders } from "./aws-providers.js";

type Env = Record<string, string | undefined>;

/**
 * Step 4b: ECS task roles and EKS Pod Identity — `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` or
 * `AWS_CONTAINER_CREDENTIALS_FULL_URI`, with `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE` or
 * `AWS_CONTAINER_AUTHORIZATION_TOKEN` — through `fromHttp` (1 s timeout, 1 retry). Label `container`.
 */
export function containerCredentialSource(options: {
  env: Env;
  timeoutMs?: number;
  providers?: () => Promise<AwsProviders>;
}): CredentialSourceProvider {
  const { env } = options;
  const label = "container";
  return {
    label,
    absent: "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI / _FULL_URI not set",
    async load() {
      const relative = env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI?.trim();
      const full = env.AWS_CONTAINER_CREDENTIALS_FULL_URI?.trim();
      if (!relative && !full) return undefined;
      const tokenFile = env.AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE?.trim();
      const token = env.AWS_CONTAINER_AUTHORIZATION_TOKEN?.trim();
      const { fromHttp } = await (options.providers ?? loadAwsProviders)();
      const provider = fromHttp({
        ...(relative ? { awsContainerCredentialsRelativeUri: relative } : { awsContainerCredentialsFullUri: full }),
        ...(tokenFile ? { awsContainerAuthorizationTokenFile: tokenFile } : token ? { awsContainerAuthorizationToken: token } : {}),
        timeout: options.timeoutMs ?? 1000,
        maxRetries: 1,
      });
      const where = relative ? "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI" : "AWS_CONTAINER_CREDENTIALS_FULL_URI";
      return runAwsProvider(label, `The container credentials endpoint (${where})`, () => provider(), envSecrets(env));
    },
  };
}
