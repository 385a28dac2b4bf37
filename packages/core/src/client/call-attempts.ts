import { AbortError, bedrockModelPath, encodeUtf8, type BedrockError, type HttpResponse } from "@streambed/transport";
import { AuthenticationError } from "../errors/service-errors.js";
import { countTokensBody } from "../count-tokens/count-tokens-body.js";
import { baseModelId } from "../discovery/base-model-id.js";
import { applyPayloadHooks } from "../request/apply-payload-hooks.js";
import { buildConverseBody } from "../request/build-converse-body.js";
import { checkEventStreamReply, EVENT_STREAM_CONTENT_TYPE } from "../stream/check-event-stream-reply.js";
import { omitRefusedFields } from "./repair-added-field.js";
import type { Model, ResolvedCredentials, StreamRequest } from "../types/index.js";
import { CallTimeouts } from "./call-timeouts.js";
import type { ClientContext } from "./client-context.js";
import { joinUrl, type ClientSettings } from "./client-settings.js";
import { backoffDelayMs, isRetryable } from "./retry-policy.js";
import type { SignedRequests } from "./signed-requests.js";

const STREAM_ACCEPT = "application/vnd.amazon.eventstream";
const JSON_TYPE = "application/json";

/** The runtime operations a call can make. */
export type RuntimeOperation = "converse" | "converse-stream" | "count-tokens";

/** Reads one response into items; once it has produced one, the call is never retried. */
export type ConsumeResponse<T> = (response: HttpResponse, model: Model, timeouts: CallTimeouts) => AsyncGenerator<T, void, undefined>;

/** A call up to its first item: that item, the rest, and the timeouts whoever iterates the rest disposes. */
export interface OpenedCall<T> {
  first: IteratorResult<T, void>;
  items: AsyncGenerator<T, void, undefined>;
  timeouts: CallTimeouts;
}

/** Runs runtime calls with their retries, deadlines and credential refresh. */
export interface CallAttempts {
  /**
   * Run one call with retries, up to its first item. `consume` reads the response; once it has
   * produced an item, nothing is retried any more. Resolves with that first item, the rest of
   * the items, and the call's timeouts, which stay armed: whoever iterates the rest disposes them.
   *
   * Every await before a request is sent (config, model, region, credentials, signing, backoff)
   * races the call's deadline — the caller's signal and `timeouts.totalMs` — so none can outlive
   * the call. Credentials are got once per call (again only after an expired token); a credential
   * failure ends the call, it is never retried. The first-byte clock starts when a request is sent.
   */
  open<T>(request: StreamRequest, operation: RuntimeOperation, consume: ConsumeResponse<T>): Promise<OpenedCall<T>>;
  /** {@link open}, then every item as a generator; a failure after the first item is thrown, never retried. */
  attempts<T>(request: StreamRequest, operation: RuntimeOperation, consume: ConsumeResponse<T>): AsyncGenerator<T, void, undefined>;
}

function isExpiredToken(error: unknown): boolean {
  return error instanceof AuthenticationError && /expired/i.test(`${error.code} ${error.message}`);
}

/** A CallTimeouts' options, with only the fields that are set (built without spreading literals: one shape per call). */
function callLimits(
  firstByteMs: number,
  idleMs: number,
  pullMs: number | undefined,
  callerSignal: AbortSignal | undefined,
  totalMs: number | undefined,
  totalRemainingMs: number | undefined,
): ConstructorParameters<typeof CallTimeouts>[0] {
  const limits: ConstructorParameters<typeof CallTimeouts>[0] = { firstByteMs, idleMs };
  if (pullMs !== undefined) limits.pullMs = pullMs;
  if (callerSignal) limits.callerSignal = callerSignal;
  if (totalMs) {
    limits.totalRemainingMs = totalRemainingMs!;
    limits.totalMs = totalMs;
  }
  return limits;
}

export function createCallAttempts(ctx: ClientContext, target: ClientSettings, requests: SignedRequests): CallAttempts {
  const { secrets, policy, firstByteMs, idleMs, totalMs, pullMs, now } = ctx;

  async function resolveFor(request: StreamRequest): Promise<Model> {
    return ctx.resolveModel(request.model, await ctx.loadConfig());
  }

  async function open<T>(request: StreamRequest, operation: RuntimeOperation, consume: ConsumeResponse<T>): Promise<OpenedCall<T>> {
    const started = now();
    const call = new CallTimeouts(callLimits(0, 0, undefined, request.signal, totalMs, totalMs));
    try {
      return await attemptsWithin(call, started, request, operation, consume);
    } catch (error) {
      throw secrets.error(error);
    } finally {
      call.dispose();
    }
  }

  /** {@link open}'s work, within the call's deadline `call`. */
  async function attemptsWithin<T>(
    call: CallTimeouts,
    started: number,
    request: StreamRequest,
    operation: RuntimeOperation,
    consume: ConsumeResponse<T>,
  ): Promise<OpenedCall<T>> {
    if (call.reason) throw call.reason; // the caller's signal was already aborted: resolve and send nothing
    // Once the config and settings are loaded, the model and its target are resolved without an await.
    const loaded = ctx.loadedConfig();
    const model = loaded ? ctx.resolveModel(request.model, loaded) : await call.race(resolveFor(request));
    const runtime = target.runtimeTargetNow(model) ?? (await call.race(target.runtimeTarget(model)));
    const counting = operation === "count-tokens";
    // Fields streambed adds that this model refused before (learned) are left out; a new refusal is repaired once below.
    const refused = ctx.lessons.refusedFields(model, runtime.endpoint);
    const encode = (payload: Record<string, unknown>): Uint8Array => encodeUtf8(JSON.stringify(counting ? countTokensBody(payload) : payload));
    /** The body's bytes; a promise only when a payload hook has to be waited for. */
    const encodeBody = (omit: readonly string[]): Uint8Array | Promise<Uint8Array> => {
      const built = buildConverseBody(request, model, { streaming: operation === "converse-stream", region: runtime.signingRegion });
      const left = omitRefusedFields(built, request, omit);
      if (left.length > 0) ctx.debug?.({ event: "repair", message: `leaving out ${left.join(", ")} for ${model.id}: Bedrock refused it before`, modelId: model.id });
      // No hook: the body as built (what applyPayloadHooks returns then), without a promise to wait for.
      if (request.extraBody === undefined && request.onPayload === undefined) return encode(built);
      return call.race(applyPayloadHooks(built, request, model)).then(encode);
    };
    const first = encodeBody(refused);
    let body = first instanceof Uint8Array ? first : await first;
    let repaired = false;
    // CountTokens takes a foundation model: `us.anthropic.claude-…` is counted as `anthropic.claude-…`.
    const url = joinUrl(runtime.endpoint, bedrockModelPath(counting ? baseModelId(model.id) : model.id, operation));
    const headers: Record<string, string> = { "content-type": JSON_TYPE, accept: operation === "converse-stream" ? STREAM_ACCEPT : JSON_TYPE };
    if (model.headers) for (const [k, v] of Object.entries(model.headers)) headers[k.toLowerCase()] = v;
    let refreshed = false;
    let resolved: ResolvedCredentials | undefined;
    for (let attempt = 1; ; attempt++) {
      if (resolved === undefined) {
        const got = requests.credentialsFor(call); // a credential failure ends the call: never retried
        resolved = got instanceof Promise ? await got : got;
      }
      const signed = await call.race(requests.sign({ method: "POST", url, headers, body }, runtime.signingRegion, resolved));
      const timeouts = new CallTimeouts(
        callLimits(firstByteMs, idleMs, operation === "converse-stream" ? pullMs : undefined, request.signal, totalMs, totalMs ? totalMs - (now() - started) : undefined),
      );
      let handedOver = false;
      try {
        if (timeouts.reason) throw timeouts.reason;
        const response = await requests.send(timeouts.request(signed), runtime.signingRegion, attempt, resolved.source);
        timeouts.headersReceived();
        if (response.status < 200 || response.status >= 300) await requests.failFromResponse(response, model.id, resolved.source);
        // The exact event-stream type (what Bedrock sends) passes checkEventStreamReply at once: no call, no await.
        if (operation === "converse-stream" && response.headers["content-type"] !== EVENT_STREAM_CONTENT_TYPE) {
          await checkEventStreamReply(response, { operation: "ConverseStream", path: url, modelId: model.id });
        }
        const items = consume(response, model, timeouts);
        let first: IteratorResult<T, void>;
        try {
          first = await items.next();
        } catch (error) {
          await items.return().catch(() => undefined);
          throw error;
        }
        handedOver = true;
        timeouts.handedOver();
        return { first, items, timeouts };
      } catch (caught) {
        let error = secrets.error(timeouts.reason ?? caught);
        if (request.signal?.aborted) throw error;
        if (isExpiredToken(error) && !refreshed) {
          refreshed = true;
          resolved = undefined;
          ctx.chain.invalidate();
          ctx.debug?.({ event: "credentials", message: "credentials expired; refreshing once and retrying" });
          attempt--;
          continue;
        }
        const lesson = ctx.lessons.afterError(error, { model, endpoint: runtime.endpoint, request, mayRepair: !repaired });
        if (lesson.repair !== undefined) {
          repaired = true;
          body = await encodeBody([...refused, lesson.repair]);
          attempt--;
          continue;
        }
        error = lesson.error;
        if (!isRetryable(error) || attempt >= policy.maxAttempts) throw error;
        const delay = backoffDelayMs(policy, attempt, ctx.random, (error as { retryAfterMs?: number }).retryAfterMs);
        ctx.debug?.({ event: "retry", message: `attempt ${attempt} failed (${(error as BedrockError).name}); retrying in ${delay} ms`, attempt, delay });
        try {
          await call.race(ctx.sleep(delay, call.signal));
        } catch (stopped) {
          throw call.reason ?? stopped;
        }
      } finally {
        if (!handedOver) timeouts.dispose();
      }
    }
  }

  async function* attempts<T>(request: StreamRequest, operation: RuntimeOperation, consume: ConsumeResponse<T>): AsyncGenerator<T, void, undefined> {
    const { first, items, timeouts } = await open(request, operation, consume);
    try {
      if (first.done) return;
      let resumed = false;
      try {
        yield first.value;
        resumed = true;
      } finally {
        // The caller broke out at the first item: close the body (releases the connection).
        if (!resumed) await items.return();
      }
      // A transport that ignores the abort signal must not keep the caller's loop alive.
      timeouts.pulled();
      if (timeouts.aborted) {
        await items.return();
        throw timeouts.reason ?? new AbortError();
      }
      yield* items;
    } catch (caught) {
      throw secrets.error(timeouts.reason ?? caught);
    } finally {
      timeouts.dispose();
    }
  }

  return { open, attempts };
}
