export {
  signRequest,
  type BearerToken,
  type ChecksumConstructor,
  type SigV4Credentials,
  type SignOptions,
} from "./sign-request.js";
export { bedrockModelPath, type BedrockModelOperation } from "./bedrock-model-path.js";
export { SigningError } from "./signing-error.js";
export { WebCryptoSha256 } from "./web-crypto-sha256.js";
export { forgetSigningKeys } from "./signer-cache.js";
