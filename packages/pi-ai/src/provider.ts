import {
  createAssistantMessageEventStream,
  type AssistantMessageEventStream,
  type Api,
  type BedrockOptions,
  type Context,
  type Model,
  type SimpleStreamOptions,
  type StreamFunction,
} from "@mariozechner/pi-ai";
import type { BedrockOptions as StreambedOptions } from "streambed";
import { ClientPool } from "./client-pool.js";
import { toStreambedRequest, type ProviderDefaults } from "./map-options.js";
import { PiAiMessageBuilder } from "./message-builder.js";
import { withResponseHook } from "./response-hook.js";
import { simpleToBedrockOptions } from "./simple-options.js";

/** Options of {@link createStreambedBedrock} and `registerStreambedBedrock`. */
export interface StreambedPiAiOptions {
  /**
   * streambed's `createBedrock()` options for the clients the provider makes: credentials, config,
   * retry, timeouts, debug, a transport… Per-call pi-ai options (region, profile, bearerToken,
   * timeoutMs, maxRetries, maxRetryDelayMs) set their field for the calls that pass them.
   */
  bedrock?: StreambedOptions;
  /** Environment pi-ai's variables are read from (AWS_REGION, AWS_PROFILE, PI_CACHE_RETENTION, …). Default `process.env`. */
  env?: Record<string, string | undefined>;
}

/** pi-ai's provider shape for `bedrock-converse-stream`, served by streambed. */
export interface StreambedBedrockProvider {
  api: "bedrock-converse-stream";
  /** pi-ai's `stream` for Bedrock: `BedrockOptions`. */
  stream: StreamFunction<"bedrock-converse-stream", BedrockOptions>;
  /** pi-ai's `streamSimple` for Bedrock: a reasoning level and budgets. */
  streamSimple: StreamFunction<"bedrock-converse-stream", SimpleStreamOptions>;
  /** Release the pooled connections of the provider's clients. */
  close(): Promise<void>;
}

/** What every call of one provider shares. */
interface ProviderState {
  pool: ClientPool;
  env: Record<string, string | undefined>;
  defaults: ProviderDefaults;
}

function run(state: ProviderState, model: Model<Api>, context: Context, options: BedrockOptions | undefined): AssistantMessageEventStream {
  const out = createAssistantMessageEventStream();
  const builder = new PiAiMessageBuilder(model, out);
  const signal = options?.signal;
  void (async () => {
    let hookFailure: { error: unknown } | undefined;
    try {
      const call = toStreambedRequest(model, context, options, state.env, state.defaults);
      const client = state.pool.get(call.client);
      let scope;
      if (call.onResponse) {
        const stop = new AbortController();
        call.request.signal = signal ? AbortSignal.any([signal, stop.signal]) : stop.signal;
        scope = {
          onResponse: call.onResponse,
          fail: (error: unknown) => {
            hookFailure = { error };
            stop.abort(error);
          },
        };
      }
      await withResponseHook(scope, async () => {
        for await (const event of client.stream(call.request)) {
          builder.push(event, signal);
          if (builder.finished) break;
        }
      });
      if (!builder.finished) builder.fail(hookFailure?.error ?? new Error("The stream ended without a final event."), signal?.aborted === true);
    } catch (error) {
      builder.fail(hookFailure ? hookFailure.error : error, !hookFailure && signal?.aborted === true);
    }
  })();
  return out;
}

/**
 * pi-ai's Bedrock provider (`bedrock-converse-stream`) served by streambed, for hosts that wire
 * providers themselves: `{ api, stream, streamSimple }` as `registerApiProvider` takes it, plus
 * `close()`. Same events and final message as pi-ai's own provider (docs/pi-ai.md lists the
 * differences, each with its reason); failures are an `error` event, never a throw.
 */
export function createStreambedBedrock(options: StreambedPiAiOptions = {}): StreambedBedrockProvider {
  const state: ProviderState = {
    pool: new ClientPool(options.bedrock),
    env: options.env ?? options.bedrock?.env ?? process.env,
    defaults: { region: options.bedrock?.region, endpoint: options.bedrock?.endpoint },
  };
  return {
    api: "bedrock-converse-stream",
    stream: (model, context, streamOptions) => run(state, model, context, streamOptions),
    streamSimple: (model, context, simpleOptions) => run(state, model, context, simpleToBedrockOptions(model, simpleOptions)),
    close: () => state.pool.close(),
  };
}

let shared: StreambedBedrockProvider | undefined;

function sharedProvider(): StreambedBedrockProvider {
  return (shared ??= createStreambedBedrock());
}

/**
 * pi-ai's `stream` for Bedrock through streambed (a provider with default options, made on first
 * use). For `registerApiProvider({ api: "bedrock-converse-stream", stream, streamSimple })`.
 */
export const stream: StreamFunction<"bedrock-converse-stream", BedrockOptions> = (model, context, options) => sharedProvider().stream(model, context, options);

/** pi-ai's `streamSimple` for Bedrock through streambed (see {@link stream}). */
export const streamSimple: StreamFunction<"bedrock-converse-stream", SimpleStreamOptions> = (model, context, options) =>
  sharedProvider().streamSimple(model, context, options);
