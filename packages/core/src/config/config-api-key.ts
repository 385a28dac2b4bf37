import { ConfigError } from "../errors/client-errors.js";
import { CONFIG_API_KEY_PATH } from "./config-api-key-path.js";
import type { StreambedConfig } from "./config-schema.js";

export { CONFIG_API_KEY_PATH };
const AUTH_PATH = 'models.providers["amazon-bedrock"].auth';

/**
 * An OpenClaw `${VAR}` reference still in the key: config loading substitutes set variables
 * (`substituteEnv`), so one left here names a variable that is unset or empty.
 */
const ENV_REFERENCE = /(?<!\$)\$\{([A-Z_][A-Z0-9_]*)\}/;

/**
 * What the config says about a Bedrock API key, without throwing (so `streambed doctor` can show it):
 * - `use`: send `apiKey` as `Authorization: Bearer`;
 * - `absent`: no key (or `auth: "aws-sdk"` and no key): the chain goes on;
 * - `ignored`: a key is written but not used (`auth: "aws-sdk"`, or an empty key with `auth` unset);
 * - `invalid`: `auth` selects the key and it cannot be used; `problem` says why and what to do.
 * `reason` and `problem` never contain the key.
 */
export type ConfigApiKeyState =
  | { state: "use"; apiKey: string }
  | { state: "absent"; reason: string }
  | { state: "ignored"; reason: string }
  | { state: "invalid"; problem: string };

/**
 * Reads `models.providers["amazon-bedrock"].apiKey` with its `auth` mode, the way OpenClaw does:
 * `auth: "aws-sdk"` never uses the key; `"api-key"` / `"token"` require it; unset (or `"oauth"`,
 * which Bedrock does not have) uses a non-empty key and otherwise leaves the AWS chain to decide.
 */
export function configApiKeyState(config: StreambedConfig | undefined): ConfigApiKeyState {
  const provider = config?.models?.providers?.["amazon-bedrock"];
  const auth = provider?.auth;
  const raw = provider?.apiKey;
  const written = typeof raw === "string";
  if (auth === "aws-sdk") {
    return written
      ? { state: "ignored", reason: 'ignored: auth is "aws-sdk" (set auth to "api-key" to use it)' }
      : { state: "absent", reason: 'not set (auth is "aws-sdk")' };
  }
  const required = auth === "api-key" || auth === "token";
  if (!written) {
    if (!required) return { state: "absent", reason: config ? "not set" : "no config" };
    return {
      state: "invalid",
      problem: `${AUTH_PATH} is "${auth}" but ${CONFIG_API_KEY_PATH} is not set. Set it to your Bedrock API key (or set AWS_BEARER_TOKEN_BEDROCK), or set auth to "aws-sdk" to use AWS credentials.`,
    };
  }
  const key = raw.trim();
  if (!key) {
    if (!required) return { state: "ignored", reason: "ignored: empty (auth is not set, so the AWS chain goes on)" };
    return {
      state: "invalid",
      problem: `${CONFIG_API_KEY_PATH} is empty, but ${AUTH_PATH} is "${auth}". Put your Bedrock API key there (or set AWS_BEARER_TOKEN_BEDROCK), or set auth to "aws-sdk" to use AWS credentials.`,
    };
  }
  const reference = ENV_REFERENCE.exec(key);
  if (reference) {
    return {
      state: "invalid",
      problem: `${CONFIG_API_KEY_PATH} is \${${reference[1]}}, but ${reference[1]} is not set (or empty) in the environment. Set ${reference[1]} to your Bedrock API key, or set AWS_BEARER_TOKEN_BEDROCK (read before the config), or write the key itself.`,
    };
  }
  return { state: "use", apiKey: key };
}

/**
 * The config's Bedrock API key when `auth` selects it, else `undefined`. Throws a {@link ConfigError}
 * naming the key path (and `file`) when `auth` selects the key and it is missing, empty or an
 * unsubstituted `${VAR}`. Never puts the key in a message.
 */
export function configApiKey(config: StreambedConfig | undefined, options: { file?: string } = {}): string | undefined {
  const s = configApiKeyState(config);
  if (s.state === "use") return s.apiKey;
  if (s.state !== "invalid") return undefined;
  const where = options.file ? ` (in ${options.file})` : "";
  throw new ConfigError(`${s.problem}${where}`, { path: CONFIG_API_KEY_PATH, ...(options.file ? { file: options.file } : {}) });
}
