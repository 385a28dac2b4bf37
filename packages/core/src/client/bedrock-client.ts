import type { DiscoveryResult, LearnedModelFacts } from "../discovery/discovery-types.js";
import type { AssistantMessage, CredentialDescription, Model, RawBedrockEvent, StreamEvent, StreamRequest } from "../types/index.js";

/** Where the client sends calls, and why. */
export interface ResolvedSettings {
  region: string;
  regionSource: string;
  runtimeEndpoint: string;
  runtimeEndpointSource: string;
  controlPlaneEndpoint: string;
  controlPlaneEndpointSource: string;
  signingRegion: string;
}

/** A model as `models.list()` reports it. */
export interface ListedModel extends Model {
  /** `"amazon-bedrock/<id>"`, the reference to put in config. */
  key: string;
  /** Where streambed knows the model from. */
  source: "configured" | "discovered" | "configured+discovered";
  /**
   * Limits Bedrock named for this model in its own errors, with when and where each was learned
   * (`maxTokens` / `contextWindow` above are lowered to them), and fields it refused. Absent when
   * nothing was learned.
   */
  learned?: LearnedModelFacts;
}

/** Models plus how discovery went. */
export interface ModelListing {
  models: ListedModel[];
  discovery: DiscoveryResult;
}

/** Options of `models.list()` / `models.listing()` (internal name; the public interface spells them out). */
export type ModelListOptions = NonNullable<Parameters<BedrockClient["models"]["listing"]>[0]>;

/** The client `createBedrock()` returns. */
export interface BedrockClient {
  /**
   * Stream a reply through ConverseStream as normalised events (`start`, `text_delta`, …, `done`).
   * Lazy: the request is sent when iteration starts. Failures are thrown from the iterator as typed
   * errors; breaking out of the loop aborts the request and frees the connection.
   */
  stream(request: StreamRequest): AsyncGenerator<StreamEvent, void, undefined>;
  /** Stream Bedrock's own events unchanged (`{ contentBlockDelta: {...} }`), for citations, traces or fields streambed does not model. */
  streamRaw(request: StreamRequest): AsyncGenerator<RawBedrockEvent, void, undefined>;
  /** One reply through Converse (non-streaming), as the same final message `done` carries. */
  complete(request: StreamRequest): Promise<AssistantMessage>;
  /**
   * The input tokens `request` would be charged for (Bedrock CountTokens, free of charge): the same
   * request shape as `stream()`, counted for the model's foundation model (a `us.`/`global.`
   * profile prefix is dropped: CountTokens takes foundation models). Claude models only, on Bedrock's side.
   */
  countTokens(request: StreamRequest): Promise<{ inputTokens: number }>;
  models: {
    /** Configured and discovered models, merged (configured fields win). Never throws for discovery failures. */
    list(options?: { includeLegacy?: boolean; refresh?: boolean; provider?: string; signal?: AbortSignal }): Promise<ListedModel[]>;
    /** Like list(), with the discovery outcome (source, age, reasons). */
    listing(options?: { includeLegacy?: boolean; refresh?: boolean; provider?: string; signal?: AbortSignal }): Promise<ModelListing>;
  };
  credentials: {
    /** Where the credentials come from, without any secret. */
    describe(): Promise<CredentialDescription>;
  };
  /** The region and endpoints calls go to, with where each came from. */
  settings(): Promise<ResolvedSettings>;
  /**
   * Release pooled connections, and drop the SigV4 signers kept for the access key ids this client
   * signed with (their copies of the secret key and derived signing keys).
   */
  close(): Promise<void>;
}
