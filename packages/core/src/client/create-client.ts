import {
  AbortError,
  BedrockError,
  TimeoutError,
  DEFAULT_MAX_BODY_BYTES,
  bedrockModelPath,
  decodeEventStream,
  encodeUtf8,
  readBody,
  signRequest,
  utf8Decoder,
  type EventStreamMessage,
  type HttpRequest,
  type HttpResponse,
} from "@streambed/transport";
import { configuredModels, type StreambedConfig, discoverySettings } from "../config/index.js";
import { createDiscovery, createMemoryDiscoveryCache, mergeModels, type ControlPlaneRequest, type DiscoveryResult } from "../discovery/index.js";
import { resolveEndpoints } from "../endpoint/index.js";
import { AuthenticationError, CredentialsError, type StreamAbandonedError, ConfigError, InvalidResponseError } from "../errors/index.js";
import { resolveModel } from "../model/index.js";
import { regionFromArn, resolveRegion } from "../region/index.js";
import { buildConverseBody } from "../request/index.js";
import { errorFromResponse as errorOfResponse, parseConverseResponse, rawBedrockEvents } from "../stream/index.js";
import { normaliseBody } from "../stream/normalise-body.js";
import type { ErrorResponse } from "../errors/error-from-response.js";
import { handOff } from "./hand-off.js";
import type { AssistantMessage, CredentialDescription, Model, RawBedrockEvent, ResolvedCredentials, StreamEvent, StreamRequest } from "../types/index.js";
import { CallTimeouts, DEFAULT_PULL_MS } from "./call-timeouts.js";
import type { ClientOptions, DebugEntry } from "./client-options.js";
import { backoffDelayMs, isRetryable, resolveRetryPolicy } from "./retry-policy.js";
import { createClientSecrets } from "./client-secrets.js";

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
}

/** Models plus how discovery went. */
export interface ModelListing {
  models: ListedModel[];
  discovery: DiscoveryResult;
}

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
  /** Release pooled connections. */
  close(): Promise<void>;
}

const STREAM_ACCEPT = "application/vnd.amazon.eventstream";
const JSON_TYPE = "application/json";

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new AbortError());
    const onAbort = () => {
      clearTimeout(timer);
      reject(new AbortError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

function configRegion(config: StreambedConfig | undefined): string | undefined {
  const c = config as { models?: { providers?: Record<string, { region?: unknown }>; bedrockDiscovery?: { region?: unknown } } } | undefined;
  const region = c?.models?.providers?.["amazon-bedrock"]?.region;
  return typeof region === "string" && region ? region : undefined;
}

function configBaseUrl(config: StreambedConfig | undefined): string | undefined {
  const c = config as { models?: { providers?: Record<string, { baseUrl?: unknown }> } } | undefined;
  const url = c?.models?.providers?.["amazon-bedrock"]?.baseUrl;
  return typeof url === "string" && url ? url : undefined;
}

function joinUrl(base: string, path: string): string {
  return base.replace(/\/+$/, "") + path;
}

function isExpiredToken(error: unknown): boolean {
  return error instanceof AuthenticationError && /expired/i.test(`${error.code} ${error.message}`);
}

/** `body`, telling the idle timer when a chunk arrives and when the consumer asks for the next one. */
async function* tapActivity(body: AsyncIterable<Uint8Array>, timeouts: CallTimeouts): AsyncGenerator<Uint8Array, void, undefined> {
  timeouts.waiting();
  for await (const chunk of body) {
    timeouts.activity();
    yield chunk;
    timeouts.waiting();
  }
}

/**
 * `items`, telling the timeouts each time the caller asks for the next one (`timeouts.pullMs`) and
 * checking their signal then (see `attempts`).
 */
async function* untilAborted<T>(items: AsyncGenerator<T, void, undefined>, timeouts: CallTimeouts): AsyncGenerator<T, void, undefined> {
  timeouts.pulled();
  for await (const item of items) {
    yield item;
    timeouts.pulled();
    if (timeouts.signal.aborted) throw new AbortError();
  }
}

/**
 * The call's deadline (`reason`) ended it while the credential chain was loading; the chain's
 * `CredentialsError`, naming the source it gave up on, becomes the cause.
 */
function stoppedGettingCredentials(reason: TimeoutError | AbortError | StreamAbandonedError, cause: CredentialsError): BedrockError {
  const source = cause.source ?? "the credential chain";
  if (reason instanceof TimeoutError) {
    const option = `timeouts.${reason.kind === "first-byte" ? "firstByte" : reason.kind}Ms`;
    return new TimeoutError(
      reason.kind,
      reason.timeoutMs,
      `${reason.kind} timeout: getting credentials from ${source} took longer than ${reason.timeoutMs} ms (${option}); nothing was sent. See the cause; raise ${option} if the source is only slow.`,
      { cause },
    );
  }
  return new AbortError(`The request was aborted by the caller's AbortSignal while getting credentials from ${source}; nothing was sent.`, { cause });
}

/**
 * The runtime-free streambed client. Adapters call this with a transport and a credential chain;
 * users call `createBedrock()` from `streambed`.
 */
export function createClient(options: ClientOptions): BedrockClient {
  const env = options.env ?? {};
  let configPromise: Promise<{ config: StreambedConfig | undefined; configured: Model[] }> | undefined;
  function loadConfig(): Promise<{ config: StreambedConfig | undefined; configured: Model[] }> {
    configPromise ??= (async () => {
      const config = typeof options.config === "function" ? await options.config() : options.config;
      secrets.addConfig(config);
      return { config, configured: configuredModels(config) };
    })();
    configPromise.catch(() => (configPromise = undefined));
    return configPromise;
  }
  const policy = resolveRetryPolicy(options.retry);
  const firstByteMs = options.timeouts?.firstByteMs ?? 60_000;
  const idleMs = options.timeouts?.idleMs ?? 60_000;
  const totalMs = options.timeouts?.totalMs;
  const pullMs = options.timeouts?.pullMs ?? DEFAULT_PULL_MS;
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? defaultSleep;
  const now = options.now ?? Date.now;
  // The exact secrets this client holds, removed from every error, debug entry and listing it hands out.
  const secrets = createClientSecrets(env);
  const debug = secrets.debug(options.debug);
  const chain = options.credentials;
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!Number.isSafeInteger(maxResponseBytes) || maxResponseBytes < 1) {
    throw new ConfigError(`maxResponseBytes must be a whole number of bytes ≥ 1, got ${String(options.maxResponseBytes)}.`, { path: "maxResponseBytes" });
  }

  let settingsPromise: Promise<ResolvedSettings> | undefined;
  function settings(): Promise<ResolvedSettings> {
    settingsPromise ??= (async () => {
      const { config } = await loadConfig();
      const fromConfig = configRegion(config);
      const needsProfile = !options.region && !fromConfig && !env.AWS_REGION && !env.AWS_DEFAULT_REGION;
      const profileRegion = needsProfile ? await options.profileRegion?.() : undefined;
      const region = resolveRegion({ option: options.region, config: fromConfig, env, profileRegion });
      const endpoints = resolveEndpoints({
        region: region.region,
        env,
        runtime: options.endpoint ?? configBaseUrl(config),
        controlPlane: options.controlPlaneEndpoint,
      });
      return {
        region: region.region,
        regionSource: region.source,
        runtimeEndpoint: endpoints.runtime,
        runtimeEndpointSource:
          !options.endpoint && endpoints.runtimeSource === "option" ? 'config: models.providers["amazon-bedrock"].baseUrl' : endpoints.runtimeSource,
        controlPlaneEndpoint: endpoints.controlPlane,
        controlPlaneEndpointSource: endpoints.controlPlaneSource,
        signingRegion: endpoints.signingRegion,
      };
    })();
    settingsPromise.catch(() => (settingsPromise = undefined));
    return settingsPromise;
  }

  /** Runtime endpoint and signing region for one model: an ARN's region wins (cross-region profiles). */
  async function runtimeTarget(model: Model): Promise<{ endpoint: string; signingRegion: string }> {
    const s = await settings();
    const { config } = await loadConfig();
    if (model.baseUrl) return { endpoint: model.baseUrl, signingRegion: regionFromArn(model.id) ?? s.signingRegion };
    const arnRegion = regionFromArn(model.id);
    if (arnRegion && arnRegion !== s.region) {
      const custom = options.endpoint ?? configBaseUrl(config);
      const other = resolveEndpoints({ region: arnRegion, env, runtime: custom });
      return { endpoint: other.runtime, signingRegion: arnRegion };
    }
    return { endpoint: s.runtimeEndpoint, signingRegion: s.signingRegion };
  }

  /**
   * The call's credentials: one `chain.get()` that stops when the call does. A failure is thrown
   * as it is; when the call's deadline or signal stopped it, the call's reason is thrown with the
   * chain's `CredentialsError` (naming the source) as the cause.
   */
  async function credentialsFor(call: CallTimeouts): Promise<ResolvedCredentials> {
    let resolved: ResolvedCredentials;
    try {
      resolved = await call.race(chain.get({ signal: call.signal }));
    } catch (error) {
      if (call.reason && error instanceof CredentialsError) throw stoppedGettingCredentials(call.reason, error);
      throw error;
    }
    secrets.addCredentials(resolved.credentials);
    lastSource = resolved.source;
    return resolved;
  }

  function sign(request: HttpRequest, signingRegion: string, resolved: ResolvedCredentials): Promise<HttpRequest> {
    return signRequest(request, {
      credentials: resolved.credentials,
      region: signingRegion,
      ...(options.sha256 ? { sha256: options.sha256 } : {}),
    });
  }

  async function send(request: HttpRequest, signingRegion: string, attempt: number, source: string): Promise<HttpResponse> {
    debug?.({ event: "request", message: `${request.method} ${request.url}`, attempt, credentialSource: source, region: signingRegion });
    const response = await options.transport.send(request);
    debug?.({
      event: "response",
      message: `${response.status} ${request.method} ${request.url}`,
      status: response.status,
      requestId: response.headers["x-amzn-requestid"],
    });
    return response;
  }

  /** The source of the credentials last got, for errors about a request signed with them (discovery's). */
  let lastSource: string | undefined;

  /**
   * A non-2xx response → its typed error; a refused Bedrock API key is named where it is set (the
   * credentials' source, the config file). Discovery gets this one too (`createDiscovery` below).
   */
  function errorFromResponse(response: ErrorResponse, context: { modelId?: string; credentialSource?: string } = {}): BedrockError {
    const source = context.credentialSource ?? lastSource;
    const file = options.configFile?.();
    return errorOfResponse(response, {
      ...(context.modelId ? { modelId: context.modelId } : {}),
      ...(source ? { credentialSource: source } : {}),
      ...(file ? { configFile: file } : {}),
    });
  }

  async function failFromResponse(response: HttpResponse, modelId: string | undefined, credentialSource: string): Promise<never> {
    let body: Uint8Array;
    try {
      body = await readBody(response.body, 1024 * 1024);
    } catch {
      body = new Uint8Array(0);
    }
    throw errorFromResponse(secrets.response({ status: response.status, headers: response.headers, body }), { ...(modelId ? { modelId } : {}), credentialSource });
  }

  async function resolveFor(request: StreamRequest): Promise<Model> {
    const { config, configured } = await loadConfig();
    return resolveModel(request.model, { config, models: configured });
  }

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
  async function open<T>(
    request: StreamRequest,
    operation: "converse" | "converse-stream",
    consume: (response: HttpResponse, model: Model, timeouts: CallTimeouts) => AsyncGenerator<T, void, undefined>,
  ): Promise<{ first: IteratorResult<T, void>; items: AsyncGenerator<T, void, undefined>; timeouts: CallTimeouts }> {
    const started = now();
    const call = new CallTimeouts({
      firstByteMs: 0,
      idleMs: 0,
      ...(request.signal ? { callerSignal: request.signal } : {}),
      ...(totalMs ? { totalRemainingMs: totalMs, totalMs } : {}),
    });
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
    operation: "converse" | "converse-stream",
    consume: (response: HttpResponse, model: Model, timeouts: CallTimeouts) => AsyncGenerator<T, void, undefined>,
  ): Promise<{ first: IteratorResult<T, void>; items: AsyncGenerator<T, void, undefined>; timeouts: CallTimeouts }> {
    if (call.reason) throw call.reason; // the caller's signal was already aborted: resolve and send nothing
    const model = await call.race(resolveFor(request));
    const body = encodeUtf8(JSON.stringify(buildConverseBody(request, model, { streaming: operation === "converse-stream" })));
    const target = await call.race(runtimeTarget(model));
    const url = joinUrl(target.endpoint, bedrockModelPath(model.id, operation));
    const headers: Record<string, string> = {
      "content-type": JSON_TYPE,
      accept: operation === "converse-stream" ? STREAM_ACCEPT : JSON_TYPE,
      ...lowerCaseKeys(model.headers),
    };
    let refreshed = false;
    let resolved: ResolvedCredentials | undefined;
    for (let attempt = 1; ; attempt++) {
      resolved ??= await credentialsFor(call); // a credential failure ends the call: never retried
      const signed = await call.race(sign({ method: "POST", url, headers, body }, target.signingRegion, resolved));
      const timeouts = new CallTimeouts({
        firstByteMs,
        idleMs,
        ...(operation === "converse-stream" ? { pullMs } : {}),
        ...(request.signal ? { callerSignal: request.signal } : {}),
        ...(totalMs ? { totalRemainingMs: totalMs - (now() - started), totalMs } : {}),
      });
      let handedOver = false;
      try {
        if (timeouts.reason) throw timeouts.reason;
        const response = await send({ ...signed, signal: timeouts.signal }, target.signingRegion, attempt, resolved.source);
        timeouts.headersReceived();
        if (response.status < 200 || response.status >= 300) await failFromResponse(response, model.id, resolved.source);
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
        const error = secrets.error(timeouts.reason ?? caught);
        if (request.signal?.aborted) throw error;
        if (isExpiredToken(error) && !refreshed) {
          refreshed = true;
          resolved = undefined;
          chain.invalidate();
          debug?.({ event: "credentials", message: "credentials expired; refreshing once and retrying" });
          attempt--;
          continue;
        }
        if (!isRetryable(error) || attempt >= policy.maxAttempts) throw error;
        const delay = backoffDelayMs(policy, attempt, random, (error as { retryAfterMs?: number }).retryAfterMs);
        debug?.({ event: "retry", message: `attempt ${attempt} failed (${(error as BedrockError).name}); retrying in ${delay} ms`, attempt, delay });
        try {
          await call.race(sleep(delay, call.signal));
        } catch (stopped) {
          throw call.reason ?? stopped;
        }
      } finally {
        if (!handedOver) timeouts.dispose();
      }
    }
  }

  /** {@link open}, then every item as a generator; a failure after the first item is thrown, never retried. */
  async function* attempts<T>(
    request: StreamRequest,
    operation: "converse" | "converse-stream",
    consume: (response: HttpResponse, model: Model, timeouts: CallTimeouts) => AsyncGenerator<T, void, undefined>,
  ): AsyncGenerator<T, void, undefined> {
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
      if (timeouts.signal.aborted) {
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

  function stream(request: StreamRequest): AsyncGenerator<StreamEvent, void, undefined> {
    // The events after the first come straight from normaliseBody's iterator (no generator
    // around it): it maps errors to the timeout/abort reason and disposes the timeouts itself.
    return handOff(() =>
      open(request, "converse-stream", (response, model, timeouts) =>
        normaliseBody(
          response.body,
          { model, ...requestIdOf(response) },
          {
            ...crcOption(),
            onChunk: () => timeouts.activity(),
            onWait: () => timeouts.waiting(),
            onPull: () => timeouts.pulled(),
            signal: timeouts.signal,
            mapError: (error) => secrets.error(timeouts.reason ?? error),
            onEnd: () => timeouts.dispose(),
          },
        ),
      ),
    );
  }

  function streamRaw(request: StreamRequest): AsyncGenerator<RawBedrockEvent, void, undefined> {
    return attempts(request, "converse-stream", (response, _model, timeouts) =>
      untilAborted(rawBedrockEvents(decodeEventStream(tapActivity(response.body, timeouts), crcOption()), requestIdOf(response)), timeouts),
    );
  }

  async function complete(request: StreamRequest): Promise<AssistantMessage> {
    let message: AssistantMessage | undefined;
    for await (const m of attempts(request, "converse", (response, model, timeouts) => readConverse(response, model, timeouts))) {
      message = m;
    }
    return message!;
  }

  async function* readConverse(response: HttpResponse, model: Model, timeouts: CallTimeouts): AsyncGenerator<AssistantMessage, void, undefined> {
    const bytes = await readBody(
      tapActivity(response.body, timeouts),
      maxResponseBytes,
      `Bedrock's Converse replies are far smaller, so check the endpoint is Bedrock (a proxy or a wrong URL may be answering); if a reply this large is expected, raise createBedrock({ maxResponseBytes }) (now ${maxResponseBytes}).`,
    );
    let json: unknown;
    try {
      json = JSON.parse(utf8Decoder().decode(bytes));
    } catch (cause) {
      throw new InvalidResponseError("Bedrock's Converse response was not valid JSON; this usually means a proxy answered instead of Bedrock. Check the endpoint.", {
        status: response.status,
        cause,
        ...requestIdOf(response),
      });
    }
    yield parseConverseResponse(json, model);
  }

  function crcOption(): { crc32?: NonNullable<ClientOptions["crc32"]> } {
    return options.crc32 ? { crc32: options.crc32 } : {};
  }

  // Discovery: the control plane, signed with the same credentials.
  let discovery: ReturnType<typeof createDiscovery> | undefined;
  async function getDiscovery(): Promise<ReturnType<typeof createDiscovery>> {
    if (discovery) return discovery;
    const s = await settings();
    const { config } = await loadConfig();
    const dSettings = discoverySettings(config);
    // OpenClaw's `bedrockDiscovery.region` names the region to discover in; default: the client's.
    const discoveryRegion = dSettings.region ?? s.region;
    const controlPlane =
      discoveryRegion === s.region
        ? { endpoint: s.controlPlaneEndpoint, signingRegion: s.signingRegion }
        : (() => {
            const e = resolveEndpoints({ region: discoveryRegion, env, ...(options.controlPlaneEndpoint ? { controlPlane: options.controlPlaneEndpoint } : {}) });
            return { endpoint: e.controlPlane, signingRegion: e.signingRegion };
          })();
    const request: ControlPlaneRequest = async ({ method, path, query, signal }) => {
      const qs = query && Object.keys(query).length > 0 ? `?${new URLSearchParams(query).toString()}` : "";
      // The credentials, the signing and the request all run within the first-byte limit and the
      // signal; the body within the idle limit (a reply that stops half-way does not hold the listing).
      const timeouts = new CallTimeouts({ firstByteMs, idleMs, ...(signal ? { callerSignal: signal } : {}) });
      try {
        const resolved = await credentialsFor(timeouts);
        const signed = await timeouts.race(sign({ method, url: joinUrl(controlPlane.endpoint, path) + qs, headers: { accept: JSON_TYPE } }, controlPlane.signingRegion, resolved));
        const response = await send({ ...signed, signal: timeouts.signal }, controlPlane.signingRegion, 1, resolved.source);
        timeouts.headersReceived();
        return secrets.response({ status: response.status, headers: response.headers, body: await readBody(tapActivity(response.body, timeouts), 64 * 1024 * 1024) });
      } catch (error) {
        // A credential source stopped by the limit keeps its CredentialsError as the cause.
        throw secrets.error(error instanceof BedrockError && error.cause instanceof CredentialsError ? error : (timeouts.reason ?? error));
      } finally {
        timeouts.dispose();
      }
    };
    discovery = createDiscovery({
      request,
      settings: dSettings,
      region: discoveryRegion,
      endpoint: controlPlane.endpoint,
      // Looking for credentials runs within the first-byte limit too, as each request does: a source
      // that never finishes (a silent STS, a credential_process that sleeps) must not hold the
      // listing forever. Running out of time is reported (thrown), not taken for "none found".
      hasCredentials: async (signal) => {
        const call = new CallTimeouts({ firstByteMs, idleMs: 0, ...(signal ? { callerSignal: signal } : {}) });
        try {
          await credentialsFor(call);
          return true;
        } catch (error) {
          if (call.reason instanceof TimeoutError) throw secrets.error(error);
          return false;
        } finally {
          call.dispose();
        }
      },
      cache: options.discoveryCache ?? createMemoryDiscoveryCache(),
      now,
      errorFromResponse,
    });
    return discovery;
  }

  async function listing(opts: { includeLegacy?: boolean; refresh?: boolean; provider?: string; signal?: AbortSignal } = {}): Promise<ModelListing> {
    const d = await getDiscovery();
    const { configured } = await loadConfig();
    const result = secrets.listing(await d.list({
      ...(opts.includeLegacy !== undefined ? { includeLegacy: opts.includeLegacy } : {}),
      ...(opts.refresh !== undefined ? { refresh: opts.refresh } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
    }));
    const discoveredIds = new Set(result.models.map((m) => m.id));
    const configuredIds = new Set(configured.map((m) => m.id));
    let models: ListedModel[] = mergeModels(configured, result.models).map((m) => ({
      ...m,
      key: `amazon-bedrock/${m.id}`,
      source: configuredIds.has(m.id) ? (discoveredIds.has(m.id) ? "configured+discovered" : "configured") : "discovered",
    }));
    if (opts.provider) {
      const p = opts.provider.toLowerCase();
      models = models.filter((m) => (m.vendor ?? "").toLowerCase() === p || m.id.toLowerCase().replace(/^(us|eu|apac|global|jp|au|ca|us-gov)\./, "").startsWith(p));
    }
    debug?.({ event: "discovery", message: `${models.length} model(s); discovery ${result.source}${result.reason ? `: ${result.reason}` : ""}` });
    return { models, discovery: result };
  }

  return {
    stream,
    streamRaw,
    complete,
    models: {
      list: async (opts) => (await listing(opts)).models,
      listing,
    },
    credentials: { describe: () => chain.describe() },
    settings,
    close: async () => {
      await options.transport.close?.();
    },
  };
}

function requestIdOf(response: HttpResponse): { requestId?: string } {
  const id = response.headers["x-amzn-requestid"];
  return id ? { requestId: id } : {};
}

function lowerCaseKeys(headers: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (headers) for (const [k, v] of Object.entries(headers)) out[k.toLowerCase()] = v;
  return out;
}

export type { EventStreamMessage, DebugEntry };
