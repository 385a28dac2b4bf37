export * from "@streambed/core";
export { createBedrock, type BedrockOptions } from "./create-bedrock.js";
export { createEdgeCredentialChain } from "./edge-credential-chain.js";
export { createEdgeSha256, WEBCRYPTO_MIN_BYTES } from "./edge-sha256.js";
