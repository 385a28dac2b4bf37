import { libraryConfig } from "../../tsup.library";

/**
 * `internal`: the node-owned building blocks the CLI uses, outside the public API (src/internal.ts).
 * `oneFilePerEntry`: `import "@streambed/node"` reads one file of this package, not an entry plus a
 * chunk shared with `internal` (≈ 20 M instructions less to the first event; see tsup.library.ts).
 * What both entries hold (config files, cache, SHA-256, CRC-32) keeps no state that must be shared.
 * `requireInCommonJs`: the fetch and node:http transports, loaded on their first request, come from
 * `@streambed/transport`'s CommonJS build in a CommonJS process (one set of error classes).
 */
export default libraryConfig({ index: "src/index.ts", internal: "src/internal.ts" }, { shims: true, oneFilePerEntry: true, requireInCommonJs: true });
