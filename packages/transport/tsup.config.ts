import { libraryConfig } from "../../tsup.library";

export default libraryConfig({ index: "src/index.ts", undici: "src/undici/index.ts", fetch: "src/fetch/index.ts" });
