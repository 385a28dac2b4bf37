/** Inference-profile geography prefixes: `us.anthropic.…` is an `anthropic.…` model too. */
const GEOGRAPHY = /^(us|eu|apac|global|jp|au|ca|us-gov)\./;

const compiled = new Map<string, RegExp>();

function patternOf(glob: string): RegExp {
  let re = compiled.get(glob);
  if (!re) {
    re = new RegExp(`^${glob.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`);
    if (compiled.size > 1000) compiled.clear();
    compiled.set(glob, re);
  }
  return re;
}

/** `amazon-bedrock/<id>` and `<id>` name the same model. */
export function bareModelId(model: string): string {
  return model.startsWith("amazon-bedrock/") ? model.slice("amazon-bedrock/".length) : model;
}

/**
 * Whether a key with allowlist `patterns` may call `model`. Absent list: any model. A pattern
 * matches the whole id (`*` = any characters), with or without an inference-profile geography
 * prefix: `anthropic.*` allows `anthropic.claude-…` and `us.anthropic.claude-…`.
 */
export function modelAllowed(model: string, patterns: readonly string[] | undefined): boolean {
  if (patterns === undefined) return true;
  const id = bareModelId(model);
  const withoutGeography = id.replace(GEOGRAPHY, "");
  return patterns.some((glob) => {
    const re = patternOf(glob);
    return re.test(id) || re.test(withoutGeography);
  });
}
