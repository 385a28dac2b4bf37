import type { Options } from "tsup";
import { libraryConfig } from "../../tsup.library";

// ESM only: pi-ai (the peer dependency) is published as ES modules only, without a `require` entry.
const config: Options = { ...(libraryConfig({ index: "src/index.ts" }) as Options), format: ["esm"] };
export default config;
