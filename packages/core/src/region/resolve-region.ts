import { ConfigError } from "../errors/index.js";

type Env = Record<string, string | undefined>;

/** Used when nothing names a region. */
export const DEFAULT_REGION = "us-east-1";

const REGION = /^[a-z]{2,}(-[a-z0-9]+)*-\d{1,2}$/;

export interface RegionInput {
  /** `createBedrock({ region })`. */
  option?: string;
  /** The config file's region. */
  config?: string;
  env: Env;
  /** The `region` of the active profile in ~/.aws/config (read by the Node adapter). */
  profileRegion?: string;
}

/**
 * The region, first of: option → config → `AWS_REGION` → `AWS_DEFAULT_REGION` → the profile's
 * `region` → `us-east-1`; `source` says which (`option`, `config`, `env: AWS_REGION`,
 * `env: AWS_DEFAULT_REGION`, `profile`, `default`). A malformed region is a `ConfigError` naming where it came from.
 */
export function resolveRegion(input: RegionInput): { region: string; source: string } {
  const candidates: Array<[string | undefined, string]> = [
    [input.option, "option"],
    [input.config, "config"],
    [input.env.AWS_REGION, "env: AWS_REGION"],
    [input.env.AWS_DEFAULT_REGION, "env: AWS_DEFAULT_REGION"],
    [input.profileRegion, "profile"],
  ];
  for (const [value, source] of candidates) {
    const region = value?.trim();
    if (!region) continue;
    if (!REGION.test(region)) {
      throw new ConfigError(`The region ${JSON.stringify(region)} from ${source} is not an AWS region name (like "us-east-1").`, {
        path: source === "option" ? "region" : source,
      });
    }
    return { region, source };
  }
  return { region: DEFAULT_REGION, source: "default" };
}
