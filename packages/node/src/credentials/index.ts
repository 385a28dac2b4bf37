export { createNodeCredentialChain, type NodeCredentialChainOptions } from "./node-credential-chain.js";
export { readProfileRegion } from "./read-profile-region.js";
