/** Cost in US dollars per million tokens. */
export interface ModelCost {
  input: number;
  output: number;
  cacheRead: number;
  /** 5-minute cache writes (Bedrock's default ttl). */
  cacheWrite: number;
  /** 1-hour cache writes; default: 2× `input` for Claude (Anthropic's price), else `cacheWrite`. */
  cacheWrite1h?: number;
}

/** What a model accepts as input. */
export type InputModality = "text" | "image";

/**
 * A Bedrock model as streambed knows it: from config, from discovery, or built by the caller.
 * The shape is pi-ai's `Model`, so pi-ai / OpenClaw model objects can be passed as they are.
 */
export interface Model {
  /** The id sent to Bedrock: a model id, an inference-profile id (`us.…`) or an ARN. */
  id: string;
  name: string;
  /** Always "bedrock-converse-stream" for models streambed makes. */
  api?: string;
  /** Always "amazon-bedrock" for models streambed makes. */
  provider?: string;
  /** Runtime endpoint override for this model (e.g. a VPC endpoint). */
  baseUrl?: string;
  /** Whether the model can produce reasoning (extended thinking). */
  reasoning: boolean;
  input: InputModality[];
  cost: ModelCost;
  contextWindow: number;
  maxTokens: number;
  /** Extra HTTP headers sent with every call to this model. */
  headers?: Record<string, string>;
  /** Whether the model accepts `cachePoint` blocks. Unknown (undefined) → prompt caching stays off unless forced. */
  supportsCaching?: boolean;
  /** Model provider as Bedrock names it ("Anthropic", "Amazon", "Meta", …), when known. */
  vendor?: string;
}
