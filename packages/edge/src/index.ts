export * from "@streambed/core";
export { createBedrock, type BedrockOptions } from "./create-bedrock.js";
export { createEdgeCredentialChain } from "./edge-credential-chain.js";
