import { join } from "node:path";

type Env = Record<string, string | undefined>;

/** One profile's keys, merged from ~/.aws/config and ~/.aws/credentials (the credentials file wins per key). */
export type ProfileData = Record<string, string>;

export interface SharedConfigFiles {
  configFile: string;
  credentialsFile: string;
  /** Profiles by name (`[profile dev]` in config and `[dev]` in credentials are both `dev`). */
  profiles: Map<string, ProfileData>;
}

/** The home directory from `env` (HOME, USERPROFILE, HOMEDRIVE+HOMEPATH), else the OS's. */
export function homeDirectory(env: Env): string {
  if (env.HOME) return env.HOME;
  if (env.USERPROFILE) return env.USERPROFILE;
  if (env.HOMEPATH) return `${env.HOMEDRIVE ?? ""}${env.HOMEPATH}`;
  return process.getBuiltinModule("node:os").homedir();
}

/** Paths of the shared files: `AWS_CONFIG_FILE` / `AWS_SHARED_CREDENTIALS_FILE`, else `~/.aws/config` / `~/.aws/credentials`. */
export function sharedConfigPaths(env: Env): { configFile: string; credentialsFile: string } {
  const home = homeDirectory(env);
  const expand = (path: string) => (path.startsWith("~/") || path === "~" ? join(home, path.slice(1)) : path);
  return {
    configFile: expand(env.AWS_CONFIG_FILE || join(home, ".aws", "config")),
    credentialsFile: expand(env.AWS_SHARED_CREDENTIALS_FILE || join(home, ".aws", "credentials")),
  };
}

/**
 * Parses the AWS shared-file INI dialect: `[section]`, `key = value`, `#`/`;` comment lines, and
 * indented sub-keys under an empty value (`s3 =` / `  max_concurrent_requests = 10` → `s3.max_concurrent_requests`).
 */
export function parseIni(text: string): Map<string, Record<string, string>> {
  const sections = new Map<string, Record<string, string>>();
  let current: Record<string, string> | undefined;
  let parent: string | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith("#") || line.startsWith(";")) continue;
    const section = /^\[([^\]]+)\]\s*([#;].*)?$/.exec(line);
    if (section) {
      const name = section[1]!.trim();
      current = sections.get(name) ?? {};
      sections.set(name, current);
      parent = undefined;
      continue;
    }
    const eq = line.indexOf("=");
    if (!current || eq <= 0) continue;
    const key = line.slice(0, eq).trim();
    const value = line.slice(eq + 1).trim();
    if (/^\s/.test(raw) && parent) {
      current[`${parent}.${key}`] = value;
    } else {
      current[key] = value;
      parent = value === "" ? key : undefined;
    }
  }
  return sections;
}

async function readIfPresent(path: string): Promise<string | undefined> {
  try {
    return await process.getBuiltinModule("node:fs/promises").readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT" || (error as NodeJS.ErrnoException).code === "EISDIR") return undefined;
    throw error;
  }
}

/** Reads and merges both shared files; missing files are empty. */
export async function readSharedConfigFiles(env: Env): Promise<SharedConfigFiles> {
  const { configFile, credentialsFile } = sharedConfigPaths(env);
  const [configText, credentialsText] = await Promise.all([readIfPresent(configFile), readIfPresent(credentialsFile)]);
  const profiles = new Map<string, ProfileData>();
  for (const [section, data] of parseIni(configText ?? "")) {
    const name = section === "default" ? "default" : /^profile\s+(.+)$/.exec(section)?.[1]?.trim();
    if (name) profiles.set(name, { ...profiles.get(name), ...data });
  }
  for (const [name, data] of parseIni(credentialsText ?? "")) {
    profiles.set(name, { ...profiles.get(name), ...data });
  }
  return { configFile, credentialsFile, profiles };
}

/** Keys that make a profile a credential source (anything else — region, output — is only settings). */
const CREDENTIAL_KEYS = ["aws_access_key_id", "credential_process", "role_arn", "web_identity_token_file", "login_session"];
const SSO_KEYS = ["sso_session", "sso_start_url", "sso_account_id", "sso_role_name"];

/** `sso` when the profile has sso_* keys, `credentials` when it has keys/process/role, else `settings-only`. */
export function profileKind(profile: ProfileData): "sso" | "credentials" | "settings-only" {
  if (SSO_KEYS.some((k) => k in profile) && !("role_arn" in profile)) return "sso";
  if (CREDENTIAL_KEYS.some((k) => k in profile)) return "credentials";
  return "settings-only";
}
