/**
 * `@streambed/node`: the public API of streambed for Node (and of `streambed` under the `node`
 * condition). Names are listed one by one on purpose: what is not here is internal to streambed and
 * stays in the package that owns it (`@streambed/core`, `@streambed/transport`, and the node-owned
 * building blocks in `@streambed/node/internal`). The runtime-free part is the same list as
 * `@streambed/edge`'s (`test/exports.test.ts` in `streambed` compares them). Changes show in
 * `api/index.api.md` (see docs/contributing.md).
 */

// The client.
export { createBedrock, type BedrockOptions } from "./create-bedrock.js";
export type {
  BedrockClient,
  CommonBedrockOptions,
  DebugEntry,
  ListedModel,
  ModelListing,
  ResolvedSettings,
  RetryOptions,
  Sha256Constructor,
  TimeoutOptions,
} from "@streambed/core";

// Requests, messages, events, models, usage.
export type {
  AnthropicBeta,
  AssistantMessage,
  CachePointContent,
  CacheRetention,
  Citation,
  CitationLocation,
  DocumentContent,
  DocumentFormat,
  GuardrailOptions,
  ImageContent,
  InputModality,
  MalformedToolCall,
  Message,
  Model,
  ModelCost,
  PayloadHook,
  RawBedrockEvent,
  ReasoningLevel,
  ResponseFormat,
  S3Location,
  SchemaCheck,
  ServiceTier,
  StopReason,
  StreamEvent,
  StreamRequest,
  TextContent,
  ThinkingContent,
  TokenCount,
  Tool,
  ToolCall,
  ToolChoice,
  ToolResultMessage,
  Usage,
  ReportedUsage,
  UnknownUsage,
  UserMessage,
  VideoContent,
  VideoFormat,
  LearnedLimitNote,
  LearnedModelFacts,
  ModelLimitInfo,
} from "@streambed/core";

// Errors: every class streambed throws.
export {
  AbortError,
  BedrockError,
  EventStreamDecodeError,
  NetworkError,
  ResponseTooLargeError,
  SigningError,
  TimeoutError,
  type BedrockErrorOptions,
  type DecodeErrorReason,
  type TimeoutKind,
} from "@streambed/transport";
export {
  AccessDeniedError,
  AuthenticationError,
  BedrockServiceError,
  ConfigError,
  ConfigFileLockedError,
  ConfigFileNotWritableError,
  CredentialsError,
  CredentialsExpiredError,
  CredentialsNotFoundError,
  InternalServerError,
  InvalidRequestError,
  InvalidResponseError,
  ModelError,
  ModelLimitExceededError,
  ModelNotFoundError,
  ModelStreamError,
  QuotaExceededError,
  ResourceNotFoundError,
  ServiceUnavailableError,
  StreamAbandonedError,
  StructuredOutputError,
  ThrottlingError,
  UnexpectedContentTypeError,
  UnknownOperationError,
  UnknownServiceError,
  ValidationError,
  type ServiceErrorOptions,
} from "@streambed/core";

// Credentials, and the parts of the credential chain (docs/credentials.md).
export { createNodeCredentialChain, readProfileRegion, type NodeCredentialChainOptions } from "./credentials/index.js";
export {
  baseCredentialSources,
  CONFIG_API_KEY_SOURCE,
  configCredentialSource,
  createCredentialChain,
  envAccessKeySource,
  envBearerTokenSource,
  envCredentialSources,
  explicitCredentialSource,
  type AwsCredentials,
  type BaseCredentialSourcesOptions,
  type BearerCredentials,
  type ConfigCredentialSourceOptions,
  type CredentialChain,
  type CredentialChainOptions,
  type CredentialDescription,
  type CredentialProvider,
  type Credentials,
  type CredentialSource,
  type CredentialSourceProvider,
  type ResolvedCredentials,
} from "@streambed/core";

// Config objects and models (docs/configuration.md).
export {
  configApiKey,
  configApiKeyState,
  configuredModels,
  discoverySettings,
  getConfigPath,
  knownModelLimits,
  parseConfig,
  parseModelRef,
  resolveModel,
  setConfigPath,
  unsetConfigPath,
  type BedrockDiscoveryConfig,
  type BedrockProviderConfig,
  type ConfigApiKeyState,
  type ConfiguredModel,
  type KnownModels,
  type ResolvedDiscoverySettings,
  type StreambedConfig,
} from "@streambed/core";

// Config files (docs/configuration.md).
export {
  defaultConfigPath,
  loadConfigFile,
  writeConfigFile,
  type ConfigFileWriteOptions,
  type LoadConfigFileOptions,
  type LoadedConfigFile,
} from "./config/index.js";

// Model discovery: the listing and your own cache store (docs/discovery.md).
export { createFileDiscoveryCache, type FileDiscoveryCacheOptions } from "./cache/index.js";
export { modelDiscovery, type ModelDiscovery } from "@streambed/core";
export { createMemoryDiscoveryCache, type DiscoveryCacheEntry, type DiscoveryCacheStore, type DiscoveryResult } from "@streambed/core";

// Transports: the seam for your own (examples/custom-transport.ts) and the built-in ones to wrap.
export type { HttpRequest, HttpResponse, Transport } from "@streambed/transport";
// fetch and node:http: their modules load on the first request, so importing streambed reads only undici's.
export { createFetchTransport } from "./transports/fetch-transport.js";
export type { FetchTransportOptions } from "@streambed/transport/fetch";
export { createUndiciTransport, type UndiciTransportOptions } from "@streambed/transport/undici";
// node:http instead of undici, for hosts where cold start counts: createBedrock({ transport: createNodeHttpTransport() }).
export { createNodeHttpTransport } from "./transports/node-http-transport.js";
export type { NodeHttpTransportOptions } from "@streambed/transport/node-http";
