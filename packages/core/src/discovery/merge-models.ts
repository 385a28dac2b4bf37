import type { Model } from "../types/model.js";

/**
 * Configured models plus discovered ones, deduplicated by id. A configured model keeps every field
 * it sets and borrows the rest (e.g. `vendor`, `supportsCaching`) from the discovered model with
 * the same id. Order: configured models first, then the discovered ones not configured.
 */
export function mergeModels(configured: readonly Model[], discovered: readonly Model[]): Model[] {
  const discoveredById = new Map<string, Model>();
  for (const m of discovered) if (!discoveredById.has(m.id)) discoveredById.set(m.id, m);
  const out: Model[] = [];
  const seen = new Set<string>();
  for (const m of configured) {
    if (seen.has(m.id)) continue;
    seen.add(m.id);
    const found = discoveredById.get(m.id);
    out.push(found ? { ...found, ...definedFields(m) } : m);
  }
  for (const m of discoveredById.values()) {
    if (seen.has(m.id)) continue;
    seen.add(m.id);
    out.push(m);
  }
  return out;
}

function definedFields(model: Model): Partial<Model> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(model)) if (value !== undefined) out[key] = value;
  return out as Partial<Model>;
}
