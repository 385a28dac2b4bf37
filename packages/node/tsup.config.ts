import { libraryConfig } from "../../tsup.library";

/** `internal`: the node-owned building blocks the CLI uses, outside the public API (src/internal.ts). */
export default libraryConfig({ index: "src/index.ts", internal: "src/internal.ts" }, { shims: true });
