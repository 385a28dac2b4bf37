import { decodeEventStream, type EventStreamMessage } from "@streambed/transport";
import { rawBedrockEvents } from "../stream/raw-bedrock-events.js";
import { normaliseBody } from "../stream/normalise-body.js";
import type { AssistantMessage, RawBedrockEvent, StreamEvent, StreamRequest } from "../types/index.js";
import type { BedrockClient } from "./bedrock-client.js";
import { tapActivity, untilAborted } from "./body-activity.js";
import { createCallAttempts } from "./call-attempts.js";
import { createClientContext } from "./client-context.js";
import type { ClientOptions, DebugEntry } from "./client-options.js";
import { createClientSettings } from "./client-settings.js";
import { handOff } from "./hand-off.js";
import { readCountTokens, type TokenCount } from "../count-tokens/read-count-tokens.js";
import { parseStructuredOutput } from "../structured-output/parse-structured-output.js";
import { withStructuredOutput } from "../structured-output/with-structured-output.js";
import { createModelListing } from "./model-listing.js";
import { openModelDiscovery, type ModelDiscovery } from "./model-discovery.js";
import { readConverse } from "./read-converse.js";
import { createSignedRequests, requestIdOf } from "./signed-requests.js";

export type { BedrockClient, ListedModel, ModelListing, ResolvedSettings } from "./bedrock-client.js";

/**
 * The runtime-free streambed client. Adapters call this with a transport and a credential chain;
 * users call `createBedrock()` from `streambed`.
 *
 * Built from parts that each take the client's context ({@link createClientContext}): settings
 * (region, endpoints), signed requests (credentials, signing, sending, error replies), call attempts
 * (retries and deadlines) and the model listing (configured models, plus discovery when
 * `options.discovery` is given: see {@link ModelDiscovery}).
 */
export function createClient(options: ClientOptions): BedrockClient {
  const ctx = createClientContext(options);
  const { secrets } = ctx;
  const target = createClientSettings(ctx);
  const requests = createSignedRequests(ctx);
  const calls = createCallAttempts(ctx, target, requests);
  const listing = createModelListing(ctx, target, openModelDiscovery(options.discovery, { ctx, target, requests }));

  function stream(request: StreamRequest): AsyncGenerator<StreamEvent, void, undefined> {
    const events = streamEvents(request);
    return request.responseFormat ? withStructuredOutput(events, request.responseFormat, options.checkSchema) : events;
  }

  function streamEvents(request: StreamRequest): AsyncGenerator<StreamEvent, void, undefined> {
    // The events after the first come straight from normaliseBody's iterator (no generator
    // around it): it maps errors to the timeout/abort reason and disposes the timeouts itself.
    return handOff(() =>
      calls.open(request, "converse-stream", (response, model, timeouts) =>
        normaliseBody(
          response.body,
          { model, ...requestIdOf(response) },
          {
            // Written out, not `...ctx.crc`: a spread followed by more properties takes V8's slow path (≈ 2 µs).
            crc32: ctx.crc.crc32,
            // Its abort is seen through `timeouts.reason` (the signal aborts only with it): no listener per stream.
            timer: timeouts,
            mapError: (error) => secrets.error(timeouts.reason ?? error),
            onEnd: () => timeouts.dispose(),
          },
        ),
      ),
    );
  }

  function streamRaw(request: StreamRequest): AsyncGenerator<RawBedrockEvent, void, undefined> {
    return calls.attempts(request, "converse-stream", (response, _model, timeouts) =>
      untilAborted(rawBedrockEvents(decodeEventStream(tapActivity(response.body, timeouts), ctx.crc), requestIdOf(response)), timeouts),
    );
  }

  async function complete(request: StreamRequest): Promise<AssistantMessage> {
    let message: AssistantMessage | undefined;
    for await (const m of calls.attempts(request, "converse", (response, model, timeouts) => readConverse(response, model, timeouts, ctx.maxResponseBytes))) {
      message = m;
    }
    if (request.responseFormat) await parseStructuredOutput(message!, request.responseFormat, options.checkSchema);
    return message!;
  }

  async function countTokens(request: StreamRequest): Promise<TokenCount> {
    let count: TokenCount | undefined;
    for await (const c of calls.attempts(request, "count-tokens", (response) => readCountTokens(response, requestIdOf(response)))) count = c;
    return count!;
  }

  return {
    stream,
    streamRaw,
    complete,
    countTokens,
    models: {
      list: async (opts) => (await listing(opts)).models,
      listing,
    },
    credentials: { describe: () => ctx.chain.describe() },
    settings: target.settings,
    close: async () => {
      requests.forgetSigningKeys();
      await options.transport.close?.();
    },
  };
}

export type { EventStreamMessage, DebugEntry };
