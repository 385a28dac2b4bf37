/** A plausible input for a tool from its JSON schema: required (else all) properties with sample values. */
export function sampleToolInput(schema: unknown, prompt: string): Record<string, unknown> {
  const s = (schema ?? {}) as { properties?: Record<string, unknown>; required?: string[] };
  const properties = s.properties ?? {};
  const names = s.required && s.required.length > 0 ? s.required : Object.keys(properties);
  const capitalised = prompt.match(/\b[A-Z][a-zA-Z]+\b/g) ?? [];
  const word = capitalised.filter((w) => !/^(What|Use|Call|Please|The|Can|How|Is|I)$/.test(w)).pop() ?? "example";
  const out: Record<string, unknown> = {};
  for (const name of names) out[name] = sampleValue(properties[name], word);
  return out;
}

function sampleValue(schema: unknown, word: string): unknown {
  const s = (schema ?? {}) as { type?: string | string[]; enum?: unknown[]; minimum?: number; items?: unknown; properties?: unknown };
  if (Array.isArray(s.enum) && s.enum.length > 0) return s.enum[0];
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case "number":
    case "integer":
      return s.minimum ?? 1;
    case "boolean":
      return true;
    case "array":
      return [];
    case "object":
      return sampleToolInput(s, word);
    default:
      return word;
  }
}
