import * as v from "valibot";

/**
 * The config schema (OpenClaw's shape). Every object is "loose": keys streambed does not know are
 * kept as they are, so one file can hold a larger OpenClaw config. Each schema's message is the
 * "expected …" part of the error; `parseConfig` adds the path and the received value.
 */

const nonEmptyString = v.pipe(v.string("a non-empty string"), v.minLength(1, "a non-empty string"));
// Marked free of side effects so that the schemas built with them stay droppable: an edge app that
// never parses a config bundles none of this (packages/edge/test/tree-shaking.test.ts).
/* @__NO_SIDE_EFFECTS__ */
function nonNegativeNumber(what = "a number ≥ 0") {
  return v.pipe(v.number(what), v.finite(what), v.minValue(0, what));
}
/* @__NO_SIDE_EFFECTS__ */
function positiveInteger(what = "an integer ≥ 1") {
  return v.pipe(v.number(what), v.integer(what), v.minValue(1, what));
}
const httpUrl = v.pipe(
  v.string("an http(s) URL"),
  v.check((s) => /^https?:\/\/[^\s/]+/i.test(s), "an http(s) URL"),
);
/** AWS region names: `us-east-1`, `eu-central-2`, `us-gov-west-1`, `cn-north-1`… */
const region = v.pipe(
  v.string("an AWS region like us-east-1"),
  v.regex(/^[a-z]{2,4}(-[a-z]+)+-\d{1,2}$/, "an AWS region like us-east-1"),
);
const stringMap = v.record(v.string(), v.string("a string"), "an object of string values");

const costSchema = v.looseObject(
  {
    input: nonNegativeNumber("a price ≥ 0 (US$ per million tokens)"),
    output: nonNegativeNumber("a price ≥ 0 (US$ per million tokens)"),
    cacheRead: v.optional(nonNegativeNumber("a price ≥ 0 (US$ per million tokens)")),
    cacheWrite: v.optional(nonNegativeNumber("a price ≥ 0 (US$ per million tokens)")),
  },
  "an object { input, output, cacheRead, cacheWrite } in US$ per million tokens",
);

export const configuredModelSchema = v.looseObject(
  {
    id: nonEmptyString,
    name: v.optional(v.string("a string")),
    api: v.optional(v.literal("bedrock-converse-stream", '"bedrock-converse-stream"')),
    baseUrl: v.optional(httpUrl),
    reasoning: v.optional(v.boolean("true or false")),
    input: v.optional(v.array(v.picklist(["text", "image"], '"text" or "image"'), 'an array of "text" / "image"')),
    cost: v.optional(costSchema),
    contextWindow: v.optional(positiveInteger("a token count (integer ≥ 1)")),
    maxTokens: v.optional(positiveInteger("a token count (integer ≥ 1)")),
    headers: v.optional(stringMap),
    supportsCaching: v.optional(v.boolean("true or false")),
  },
  "a model object { id, name, reasoning, input, cost, contextWindow, maxTokens }",
);

/** The fields a configured model may leave out but a complete `Model` has. */
const MODEL_REQUIRED_KEYS = ["name", "reasoning", "input", "cost", "contextWindow", "maxTokens"] as const;

/**
 * A complete `Model`, as discovery builds and caches it: the configured-model schema with every
 * field the `Model` type requires made required (and all four prices), plus `provider` and
 * `vendor`. Discovery cache entries are checked with it: they come from disk or a KV store and may
 * be stale, hand-edited or written by another version.
 */
export const modelSchema = v.looseObject(
  /* @__PURE__ */ completeModelEntries(),
  "a model object { id, name, reasoning, input, cost, contextWindow, maxTokens }",
);

/**
 * {@link modelSchema}'s entries. A function marked pure (not a spread of `.entries` at the top
 * level, which a bundler must keep as a possible side effect) so that an edge app that never checks
 * a discovery cache entry bundles none of the config schema: packages/edge/test/tree-shaking.test.ts.
 */
/* @__NO_SIDE_EFFECTS__ */
function completeModelEntries() {
  return {
    ...v.required(configuredModelSchema, MODEL_REQUIRED_KEYS).entries,
    cost: v.required(costSchema),
    provider: v.optional(v.string("a string")),
    vendor: v.optional(v.string("a string")),
  };
}

/** OpenClaw's `auth` values. "aws-sdk": the AWS chain (apiKey ignored); "api-key" / "token": apiKey as a bearer token (required); unset or "oauth": apiKey when set, else the chain. */
export const PROVIDER_AUTH_MODES = ["aws-sdk", "api-key", "token", "oauth"] as const;

const bedrockProviderSchema = v.looseObject(
  {
    baseUrl: v.optional(httpUrl),
    api: v.optional(v.literal("bedrock-converse-stream", '"bedrock-converse-stream"')),
    auth: v.optional(v.picklist(PROVIDER_AUTH_MODES, '"aws-sdk", "api-key", "token" or "oauth"')),
    apiKey: v.optional(v.string("a string")),
    region: v.optional(region),
    headers: v.optional(stringMap),
    models: v.optional(v.array(configuredModelSchema, "an array of model objects")),
  },
  "an object",
);

const discoverySchema = v.looseObject(
  {
    enabled: v.optional(v.boolean("true or false")),
    region: v.optional(region),
    providerFilter: v.optional(
      v.union([nonEmptyString, v.array(nonEmptyString, "an array of provider names")], 'a provider name or an array of them (e.g. ["anthropic", "amazon"])'),
    ),
    refreshInterval: v.optional(nonNegativeNumber("a number ≥ 0")),
    defaultContextWindow: v.optional(positiveInteger()),
    defaultMaxTokens: v.optional(positiveInteger()),
    includeLegacy: v.optional(v.boolean("true or false")),
  },
  "an object",
);

const agentModelSchema = v.union(
  [
    nonEmptyString,
    v.looseObject({
      primary: v.optional(nonEmptyString),
      fallbacks: v.optional(v.array(nonEmptyString, "an array of model references")),
    }),
  ],
  'an object { primary: "amazon-bedrock/<model id>" } or a model reference',
);

export const configSchema = v.looseObject(
  {
    models: v.optional(
      v.looseObject(
        {
          bedrockDiscovery: v.optional(discoverySchema),
          providers: v.optional(v.looseObject({ "amazon-bedrock": v.optional(bedrockProviderSchema) }, "an object")),
        },
        "an object",
      ),
    ),
    agents: v.optional(
      v.looseObject(
        { defaults: v.optional(v.looseObject({ model: v.optional(agentModelSchema) }, "an object")) },
        "an object",
      ),
    ),
  },
  "an object (the config root)",
);

/** A model as written in `models.providers["amazon-bedrock"].models`. Missing fields are filled in by `configuredModels()`. */
export interface ConfiguredModel {
  id: string;
  name?: string;
  api?: "bedrock-converse-stream";
  baseUrl?: string;
  reasoning?: boolean;
  input?: Array<"text" | "image">;
  cost?: { input: number; output: number; cacheRead?: number; cacheWrite?: number; [key: string]: unknown };
  contextWindow?: number;
  maxTokens?: number;
  headers?: Record<string, string>;
  supportsCaching?: boolean;
  [key: string]: unknown;
}

/** `models.bedrockDiscovery` as written (see `discoverySettings()` for the defaults). */
export interface BedrockDiscoveryConfig {
  /** Default: true when credentials are present, else false. */
  enabled?: boolean;
  region?: string;
  /** Provider names ("anthropic") or model-id prefixes, matched case-insensitively. */
  providerFilter?: string | string[];
  /** Seconds the discovered list stays fresh; 0 = no cache. Default 3600. */
  refreshInterval?: number;
  /** Context window for discovered models streambed knows nothing about. Default 32000. */
  defaultContextWindow?: number;
  /** Max output tokens for discovered models streambed knows nothing about. Default 4096. */
  defaultMaxTokens?: number;
  /** Also list models whose lifecycle status is LEGACY. Default false. */
  includeLegacy?: boolean;
  [key: string]: unknown;
}

/** `models.providers["amazon-bedrock"]`. */
export interface BedrockProviderConfig {
  /** Runtime endpoint, e.g. `https://bedrock-runtime.us-east-1.amazonaws.com`. */
  baseUrl?: string;
  api?: "bedrock-converse-stream";
  /**
   * "aws-sdk": the AWS credential chain, `apiKey` ignored. "api-key" / "token": `apiKey` sent as
   * `Authorization: Bearer` (required). Unset (or "oauth", accepted for OpenClaw compatibility):
   * `apiKey` when it is set, else the AWS chain. See `configApiKeyState()`.
   */
  auth?: (typeof PROVIDER_AUTH_MODES)[number];
  /** A Bedrock API key, used as described under `auth` (AWS_BEARER_TOKEN_BEDROCK comes first). Never printed. */
  apiKey?: string;
  region?: string;
  headers?: Record<string, string>;
  models?: ConfiguredModel[];
  [key: string]: unknown;
}

/**
 * The validated config. Only the keys streambed reads are typed; every other key (the rest of an
 * OpenClaw config) is kept untouched.
 */
export interface StreambedConfig {
  models?: {
    bedrockDiscovery?: BedrockDiscoveryConfig;
    providers?: { "amazon-bedrock"?: BedrockProviderConfig; [provider: string]: unknown };
    [key: string]: unknown;
  };
  agents?: {
    defaults?: {
      /** `{ primary: "amazon-bedrock/<model id>" }` (a bare reference string is accepted too). */
      model?: string | { primary?: string; fallbacks?: string[]; [key: string]: unknown };
      [key: string]: unknown;
    };
    [key: string]: unknown;
  };
  [key: string]: unknown;
}
