import { libraryConfig } from "../../tsup.library";

export default libraryConfig({ index: "src/index.ts", node: "src/node.ts" });
