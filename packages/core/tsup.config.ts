import { libraryConfig } from "../../tsup.library";

/**
 * valibot is bundled in, tree-shaken to the ≈ 7 KB the config schema uses: importing its whole
 * 200 KB module costs ≈ 9 ms of every cold start. See docs/benchmarks.md ("Cold start").
 */
export default libraryConfig({ index: "src/index.ts" }, { bundle: [/^valibot$/] });
