import type { CredentialSourceProvider } from "@streambed/core";
import { CredentialsError, envSecrets } from "@streambed/core";
import { loadAwsProviders, runAwsProvider, type AwsProviders } from "./aws-providers.js";
import { runCredentialProcess, usesCredentialProcess } from "./credential-process.js";
import { sdkClientConfig } from "./sdk-client-config.js";
import { profileKind, readSharedConfigFiles, type SharedConfigFiles } from "./shared-config-files.js";

type Env = Record<string, string | undefined>;

export interface ProfileSourceOptions {
  env: Env;
  /** The `profile` option; else `AWS_PROFILE`; else `default`. */
  profile?: string;
  /** STS client settings for role_arn profiles (tests point it at loopback). */
  clientConfig?: Record<string, unknown>;
  providers?: () => Promise<AwsProviders>;
}

/**
 * Values in the shared files an error must not echo: every profile's secret key and session token,
 * and the arguments of every `credential_process` (the SDK's "Command failed: <command line>"
 * would print a token passed on it; the program name stays).
 */
export function profileSecrets(files: SharedConfigFiles): string[] {
  const out: string[] = [];
  for (const profile of files.profiles.values()) {
    for (const key of ["aws_secret_access_key", "aws_session_token"]) if (profile[key]) out.push(profile[key]);
    const args = /^\s*(?:"[^"]*"|\S+)\s+(.+)$/.exec(profile.credential_process ?? "")?.[1]?.trim();
    if (args) out.push(args);
  }
  return out;
}

/**
 * Step 3: the named profile (`profile` option → `AWS_PROFILE`), or `default` when the shared files
 * have one, through `fromIni` — static keys, `credential_process`, `role_arn` + `source_profile`, SSO.
 * Label `profile: <name>`, or `sso: <name>` when the profile has sso_* keys. A `default` profile
 * that is missing or holds only settings (region, output) is "not present", so step 4 runs; a
 * profile named explicitly that does not exist is a `CredentialsError`.
 *
 * A profile's own `credential_process` is run here, without a shell (words split as the AWS CLI
 * does), so that an aborted load kills it; STS and SSO requests go to the endpoint the injected
 * env names (`AWS_ENDPOINT_URL_STS`) through agents an aborted load cuts.
 */
export function profileCredentialSource(options: ProfileSourceOptions): CredentialSourceProvider {
  const { env } = options;
  const named = options.profile || env.AWS_PROFILE || undefined;
  const name = named ?? "default";
  const source: CredentialSourceProvider = {
    label: `profile: ${name}`,
    async load(loadOptions = {}) {
      const { signal } = loadOptions;
      source.label = `profile: ${name}`;
      const files = await readSharedConfigFiles(env);
      const profile = files.profiles.get(name);
      if (!profile) {
        if (named) {
          throw new CredentialsError(
            `The profile "${name}" (from ${options.profile ? "the profile option" : "AWS_PROFILE"}) is not in ${files.configFile} or ${files.credentialsFile}. Check the name, or unset AWS_PROFILE.`,
            { source: source.label },
          );
        }
        source.absent = `no [default] profile in ${files.configFile} or ${files.credentialsFile}`;
        return undefined;
      }
      const kind = profileKind(profile);
      if (kind === "settings-only") {
        source.absent = `profile "${name}" has no credentials (only settings such as region)`;
        return undefined;
      }
      if (kind === "sso") source.label = `sso: ${name}`;
      const secrets = [...envSecrets(env), ...profileSecrets(files)];
      if (usesCredentialProcess(profile)) {
        const command = profile.credential_process!;
        return runAwsProvider(source.label, `The profile "${name}"`, () => runCredentialProcess(command, { profile: name, ...(signal ? { signal } : {}) }), secrets);
      }
      const { fromIni } = await (options.providers ?? loadAwsProviders)();
      const sdk = sdkClientConfig(env, signal);
      try {
        const provider = fromIni({
          profile: name,
          filepath: files.credentialsFile,
          configFilepath: files.configFile,
          ignoreCache: true,
          clientConfig: { ...sdk.clientConfig, ...options.clientConfig },
        });
        const hint = kind === "sso" ? `Run \`aws sso login --profile ${name}\` and try again.` : "";
        return await runAwsProvider(source.label, `The ${kind === "sso" ? "SSO " : ""}profile "${name}"`, () => provider(), secrets, hint);
      } finally {
        sdk.close();
      }
    },
  };
  return source;
}
