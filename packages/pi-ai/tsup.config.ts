import type { Options } from "tsup";
import { libraryConfig } from "../../tsup.library";

// ES modules only: pi-ai (the peer dependency) has no CommonJS build; require() of this package goes through require(esm).
const config: Options = { ...(libraryConfig({ index: "src/index.ts" }) as Options), format: ["esm"] };
export default config;
