import type { CredentialSourceProvider } from "@streambed/core";
import { CredentialsError, envSecrets } from "@streambed/core";
import { loadAwsProviders, runAwsProvider, type AwsProviders } from "./aws-providers.js";
import { sdkClientConfig } from "./sdk-client-config.js";

type Env = Record<string, string | undefined>;

/**
 * Step 4a: `AWS_WEB_IDENTITY_TOKEN_FILE` + `AWS_ROLE_ARN` (EKS IRSA, GitHub OIDC) through
 * `fromTokenFile` → STS AssumeRoleWithWebIdentity. Label `web identity`.
 */
export function webIdentityCredentialSource(options: {
  env: Env;
  clientConfig?: Record<string, unknown>;
  providers?: () => Promise<AwsProviders>;
}): CredentialSourceProvider {
  const { env } = options;
  const label = "web identity";
  return {
    label,
    absent: "AWS_WEB_IDENTITY_TOKEN_FILE not set",
    async load(loadOptions = {}) {
      const tokenFile = env.AWS_WEB_IDENTITY_TOKEN_FILE?.trim();
      if (!tokenFile) return undefined;
      const roleArn = env.AWS_ROLE_ARN?.trim();
      if (!roleArn) {
        throw new CredentialsError("AWS_WEB_IDENTITY_TOKEN_FILE is set but AWS_ROLE_ARN is not. Set the role to assume, or unset AWS_WEB_IDENTITY_TOKEN_FILE.", {
          source: label,
        });
      }
      const region = env.AWS_REGION || env.AWS_DEFAULT_REGION;
      const { fromTokenFile } = await (options.providers ?? loadAwsProviders)();
      const sdk = sdkClientConfig(env, loadOptions.signal);
      try {
        const provider = fromTokenFile({
          webIdentityTokenFile: tokenFile,
          roleArn,
          ...(env.AWS_ROLE_SESSION_NAME ? { roleSessionName: env.AWS_ROLE_SESSION_NAME } : {}),
          clientConfig: { ...(region ? { region } : {}), ...sdk.clientConfig, ...options.clientConfig },
        });
        return await runAwsProvider(label, "Assuming AWS_ROLE_ARN with the web identity token", () => provider(), envSecrets(env));
      } finally {
        sdk.close();
      }
    },
  };
}
