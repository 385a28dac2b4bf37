import { readSharedConfigFiles } from "./shared-config-files.js";

/**
 * The `region` of the active profile (`profile` option → `AWS_PROFILE` → `default`) in the shared
 * config files, or `undefined` when there is none. Never throws for missing files.
 */
export async function readProfileRegion(options: { env?: Record<string, string | undefined>; profile?: string } = {}): Promise<string | undefined> {
  const env = options.env ?? process.env;
  const name = options.profile || env.AWS_PROFILE || "default";
  try {
    const files = await readSharedConfigFiles(env);
    return files.profiles.get(name)?.region || undefined;
  } catch {
    return undefined;
  }
}
