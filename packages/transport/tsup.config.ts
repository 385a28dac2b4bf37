import { libraryConfig } from "../../tsup.library";

/**
 * `@smithy/signature-v4` is bundled in, from its ES modules and tree-shaken: its CommonJS entry
 * (what Node resolves) loads every `@smithy/core` submodule, ≈ 30 ms and 16 MB RSS at import, for
 * about 14 KB of code the signer actually runs. See docs/benchmarks.md ("Cold start").
 * `shims`: the undici entry's `createRequire(import.meta.url)` also works in the CommonJS build.
 * `commonJsChunks`: `require("@streambed/transport/undici")` (and fetch, node-http) throw the error
 * classes `require("@streambed/transport")` exports, so `instanceof NetworkError` holds in CommonJS.
 */
export default libraryConfig(
  { index: "src/index.ts", undici: "src/undici/index.ts", fetch: "src/fetch/index.ts", "node-http": "src/node-http/index.ts" },
  { bundle: [/^@smithy\//], keepExternal: [/^@smithy\/core\/event-streams$/], shims: true, commonJsChunks: true },
);
