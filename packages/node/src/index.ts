export * from "@streambed/core";
export { createBedrock, type BedrockOptions } from "./create-bedrock.js";
export * from "./credentials/index.js";
export * from "./config/index.js";
export * from "./cache/index.js";
export { nodeCrc32 } from "./node-crc32.js";
export { NodeSha256 } from "./node-sha256.js";
