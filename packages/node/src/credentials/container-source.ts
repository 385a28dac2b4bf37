import type { CredentialSourceProvider } from "@streambed/core";
import { CredentialsError, envSecrets } from "@streambed/core";
import { runAwsProvider } from "./aws-providers.js";
import { containerEndpointUrl, fetchContainerCredentials } from "./container-client.js";

type Env = Record<string, string | undefined>;

/**
 * Step 4b: ECS task roles and EKS Pod Identity — `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` or
 * `AWS_CONTAINER_CREDENTIALS_FULL_URI`, with `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE` or
 * `AWS_CONTAINER_AUTHORIZATION_TOKEN` — asked with a 1 s budget per attempt and one retry
 * (`fetchContainerCredentials`: a silent or flooding endpoint is cut, and so is the request when
 * the load is aborted). Label `container`. The token file is read at each load and trimmed (a file
 * written by `echo` or an editor ends with a newline, which is not allowed in a header).
 */
export function containerCredentialSource(options: { env: Env; timeoutMs?: number }): CredentialSourceProvider {
  const { env } = options;
  const label = "container";
  return {
    label,
    absent: "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI / _FULL_URI not set",
    async load(loadOptions = {}) {
      const relative = env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI?.trim();
      const full = env.AWS_CONTAINER_CREDENTIALS_FULL_URI?.trim();
      if (!relative && !full) return undefined;
      const token = await authorizationToken(env, label);
      const where = relative ? "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI" : "AWS_CONTAINER_CREDENTIALS_FULL_URI";
      const fetch = () =>
        fetchContainerCredentials({
          url: containerEndpointUrl(relative, full),
          ...(token ? { authorization: token } : {}),
          timeoutMs: options.timeoutMs ?? 1000,
          attempts: 2,
          ...(loadOptions.signal ? { signal: loadOptions.signal } : {}),
        });
      return runAwsProvider(label, `The container credentials endpoint (${where})`, fetch, [...envSecrets(env), token]);
    },
  };
}

/** Characters an HTTP header value may hold (RFC 9110 field-vchar, space, tab). */
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/**
 * The `Authorization` value for the container endpoint: `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE`'s
 * contents (it wins, as in the AWS SDKs), else `AWS_CONTAINER_AUTHORIZATION_TOKEN`, with surrounding
 * whitespace (the file's trailing newline) removed. A file that cannot be read, or a token that still
 * holds a line break or control character, is a `CredentialsError` naming the variable, never the value.
 */
async function authorizationToken(env: Record<string, string | undefined>, label: string): Promise<string | undefined> {
  const file = env.AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE?.trim();
  let token: string | undefined;
  let from: string;
  if (file) {
    from = `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE (${file})`;
    try {
      token = (await process.getBuiltinModule("node:fs/promises").readFile(file, "utf8")).trim();
    } catch (error) {
      const code = (error as { code?: string }).code ?? (error as Error).name;
      throw new CredentialsError(`The container authorization token file ${file} (AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE) cannot be read: ${code}. Check the path and its permissions.`, {
        source: label,
      });
    }
  } else {
    from = "AWS_CONTAINER_AUTHORIZATION_TOKEN";
    token = env.AWS_CONTAINER_AUTHORIZATION_TOKEN?.trim();
  }
  if (!token) return undefined;
  if (!HEADER_VALUE.test(token)) {
    throw new CredentialsError(
      `The container authorization token from ${from} holds a line break or control character inside it, which an HTTP header cannot carry. Write the token on one line.`,
      { source: label },
    );
  }
  return token;
}
