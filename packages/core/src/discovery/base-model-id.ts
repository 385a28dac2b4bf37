/**
 * Geography prefixes of system-defined (cross-region) inference profiles: `us.`, `eu.`, `apac.`,
 * `global.` … The label is what streambed appends to a profile's model name.
 */
export const PROFILE_PREFIXES: Readonly<Record<string, string>> = {
  us: "US",
  "us-gov": "US GovCloud",
  eu: "EU",
  apac: "APAC",
  ap: "APAC",
  jp: "Japan",
  au: "Australia",
  ca: "Canada",
  global: "Global",
};

/**
 * The foundation-model id behind a model reference: the part after `foundation-model/` or
 * `inference-profile/` in an ARN, without a geography prefix (`us.anthropic.claude-…` →
 * `anthropic.claude-…`). Other ids come back unchanged.
 */
export function baseModelId(id: string): string {
  let rest = id;
  if (rest.startsWith("arn:")) {
    const slash = rest.lastIndexOf("/");
    if (slash >= 0) rest = rest.slice(slash + 1);
  }
  const dot = rest.indexOf(".");
  if (dot > 0 && rest.indexOf(".", dot + 1) > dot && PROFILE_PREFIXES[rest.slice(0, dot)] !== undefined) return rest.slice(dot + 1);
  return rest;
}

/** The geography prefix of an inference-profile id (`us`, `eu`, `global` …), if it has one. */
export function profilePrefix(id: string): string | undefined {
  const dot = id.indexOf(".");
  if (dot <= 0) return undefined;
  const prefix = id.slice(0, dot);
  return PROFILE_PREFIXES[prefix] !== undefined && id.indexOf(".", dot + 1) > dot ? prefix : undefined;
}
