/**
 * `@streambed/edge`: the public API of streambed for edge runtimes (and of `streambed` under the
 * `workerd`, `edge-light`, `browser` and `default` conditions). Names are listed one by one on
 * purpose: what is not here is internal to streambed and stays in the package that owns it
 * (`@streambed/core`, `@streambed/transport`). The Node build (`@streambed/node`) exports the same
 * runtime-free part, plus its own helpers. Changes show in `api/index.api.md` (see docs/contributing.md).
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
export { createEdgeCredentialChain } from "./edge-credential-chain.js";
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

// Model discovery: the listing and your own cache store (docs/discovery.md).
export { modelDiscovery, type ModelDiscovery } from "@streambed/core";
export { createMemoryDiscoveryCache, type DiscoveryCacheEntry, type DiscoveryCacheStore, type DiscoveryResult } from "@streambed/core";

// Transports: the seam for your own (examples/custom-transport.ts) and the default one to wrap.
export type { HttpRequest, HttpResponse, Transport } from "@streambed/transport";
export { createFetchTransport, type FetchTransportOptions } from "@streambed/transport/fetch";
