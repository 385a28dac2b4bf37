import { isAbsolute, join, resolve } from "node:path";

/** The OS home folder; node:os is taken when asked, not imported, so importing streambed skips it (cold start). */
const homeDir = (): string => process.getBuiltinModule("node:os").homedir();

/** The environment variable naming the config file. */
export const CONFIG_ENV_VAR = "STREAMBED_CONFIG";

/** `~/…` → under `home`; relative paths → against the working directory. */
export function expandPath(path: string, home: string = homeDir()): string {
  if (path === "~") return home;
  if (path.startsWith("~/") || path.startsWith("~\\")) return join(home, path.slice(2));
  return isAbsolute(path) ? path : resolve(path);
}

/** The config file to use: `STREAMBED_CONFIG` when set, else `~/.streambed/config.json5`. */
export function defaultConfigPath(env: Record<string, string | undefined> = process.env, home: string = homeDir()): string {
  const fromEnv = env[CONFIG_ENV_VAR]?.trim();
  return fromEnv ? expandPath(fromEnv, home) : join(home, ".streambed", "config.json5");
}
