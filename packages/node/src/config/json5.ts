import type JSON5Module from "json5";

let loaded: typeof JSON5Module | undefined;

/**
 * The json5 module, required on first use: most processes never read a config file (none exists,
 * or `config: false`), and importing json5 up front costs ≈ 2–8 ms of every cold start.
 */
export function json5(): typeof JSON5Module {
  return (loaded ??= process.getBuiltinModule("node:module").createRequire(import.meta.url)("json5") as typeof JSON5Module);
}
