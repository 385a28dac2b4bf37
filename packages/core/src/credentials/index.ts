export type { CredentialSourceProvider } from "./credential-source.js";
export { createCredentialChain, DEFAULT_REFRESH_WINDOW_MS, type CredentialChain, type CredentialChainOptions } from "./credential-chain.js";
export { envCredentialSources } from "./env-credential-sources.js";
export { explicitCredentialSource } from "./explicit-credential-source.js";
export { checkCredentials } from "./check-credentials.js";
export { describeCredentials } from "./describe-credentials.js";
export { maskAccessKeyId } from "./mask-access-key-id.js";
export { redactValues, envSecrets } from "./redact-values.js";
