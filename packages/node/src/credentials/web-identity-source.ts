import { readFile } from "node:fs/promises";
import type { CredentialSourceProvider } from "@streambed/core";
import { CredentialsError, envSecrets } from "@streambed/core";
import { loadAwsProviders, runAwsProvider, type AwsProviders } from "./aws-providers.js";
import { sdkClientConfig } from "./sdk-client-config.js";

type Env = Record<string, string | undefined>;

/**
 * Step 4a: `AWS_WEB_IDENTITY_TOKEN_FILE` + `AWS_ROLE_ARN` (EKS IRSA, GitHub OIDC) → STS
 * AssumeRoleWithWebIdentity. Label `web identity`. The token file is read here at every load (the
 * platform rotates it), not by the AWS SDK: a missing or empty file is a clear error before any
 * request, and the token is known, so an STS error that echoes the request has it redacted (the
 * chaos run found an echo that showed it).
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
      const token = await readWebIdentityToken(tokenFile, label, loadOptions.signal);
      const region = env.AWS_REGION || env.AWS_DEFAULT_REGION;
      const { fromWebToken } = await (options.providers ?? loadAwsProviders)();
      const sdk = sdkClientConfig(env, loadOptions.signal);
      try {
        const provider = fromWebToken({
          webIdentityToken: token,
          roleArn,
          ...(env.AWS_ROLE_SESSION_NAME ? { roleSessionName: env.AWS_ROLE_SESSION_NAME } : {}),
          clientConfig: { ...(region ? { region } : {}), ...sdk.clientConfig, ...options.clientConfig },
        });
        return await runAwsProvider(label, "Assuming AWS_ROLE_ARN with the web identity token", () => provider(), [...envSecrets(env), token]);
      } finally {
        sdk.close();
      }
    },
  };
}

/** The token in `file`, trimmed; a {@link CredentialsError} naming the file when it cannot be read or is empty. */
async function readWebIdentityToken(file: string, label: string, signal: AbortSignal | undefined): Promise<string> {
  let text: string;
  try {
    text = await readFile(file, { encoding: "utf8", ...(signal ? { signal } : {}) });
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).name;
    throw new CredentialsError(
      `AWS_WEB_IDENTITY_TOKEN_FILE (${file}) cannot be read (${code}). Point it at the token file your platform writes (EKS: /var/run/secrets/eks.amazonaws.com/serviceaccount/token), or unset it.`,
      { source: label },
    );
  }
  const token = text.trim();
  if (token === "") {
    throw new CredentialsError(`AWS_WEB_IDENTITY_TOKEN_FILE (${file}) is empty. Point it at the token file your platform writes, or unset it.`, { source: label });
  }
  return token;
}
