import { forgetSigningKeys, readBody, signRequest, type BedrockError, type HttpRequest, type HttpResponse } from "@streambed/transport";
import { cachedCredentials } from "../credentials/credential-chain.js";
import { CredentialsError } from "../errors/client-errors.js";
import { errorFromResponse as errorOfResponse, type ErrorResponse } from "../errors/error-from-response.js";
import type { ResolvedCredentials } from "../types/index.js";
import type { CallTimeouts } from "./call-timeouts.js";
import type { ClientContext } from "./client-context.js";
import { stoppedGettingCredentials } from "./stopped-getting-credentials.js";

/** Where an error response's context comes from: the model asked for and the credentials that signed. */
export interface ErrorContext {
  modelId?: string;
  credentialSource?: string;
}

/**
 * The steps every request of a client takes, runtime and control plane alike: get credentials
 * within the call's deadline, sign, send (with debug entries), and turn a non-2xx reply into its
 * typed error.
 */
export interface SignedRequests {
  /**
   * The call's credentials: one `chain.get()` that stops when the call does. A failure is thrown
   * as it is; when the call's deadline or signal stopped it, the call's reason is thrown with the
   * chain's `CredentialsError` (naming the source) as the cause.
   */
  credentialsFor(call: CallTimeouts): ResolvedCredentials | Promise<ResolvedCredentials>;
  sign(request: HttpRequest, signingRegion: string, resolved: ResolvedCredentials): Promise<HttpRequest>;
  send(request: HttpRequest, signingRegion: string, attempt: number, source: string): Promise<HttpResponse>;
  /**
   * A non-2xx response → its typed error; a refused Bedrock API key is named where it is set (the
   * credentials' source, the config file). Discovery gets this one too.
   */
  errorFromResponse(response: ErrorResponse, context?: ErrorContext): BedrockError;
  /** Reads a non-2xx response (up to 1 MiB), removes the secrets and throws its typed error. */
  failFromResponse(response: HttpResponse, modelId: string | undefined, credentialSource: string): Promise<never>;
  /** Drops the transport's kept signers (secret keys, derived keys) of every access key id this client signed with: `close()`. */
  forgetSigningKeys(): void;
}

/** Access key ids a client remembers having signed with (refreshed credentials keep their id, or bring a new one). */
const MAX_SIGNED_KEY_IDS = 8;

export function createSignedRequests(ctx: ClientContext): SignedRequests {
  const { options, secrets } = ctx;
  /** The source of the credentials last got, for errors about a request signed with them (discovery's). */
  let lastSource: string | undefined;

  /** Cached credentials that need no refresh are taken at once (what `chain.get()` would resolve to); else the chain is asked. */
  function credentialsFor(call: CallTimeouts): ResolvedCredentials | Promise<ResolvedCredentials> {
    const cached = cachedCredentials(ctx.chain);
    return cached === undefined ? credentialsFromChain(call) : took(cached);
  }

  function took(resolved: ResolvedCredentials): ResolvedCredentials {
    secrets.addCredentials(resolved.credentials);
    lastSource = resolved.source;
    return resolved;
  }

  async function credentialsFromChain(call: CallTimeouts): Promise<ResolvedCredentials> {
    let resolved: ResolvedCredentials;
    try {
      // A call nothing can abort passes no signal (it would never fire), and so never makes one.
      resolved = await call.race(ctx.chain.get(call.abortable ? { signal: call.signal } : {}));
    } catch (error) {
      if (call.reason && error instanceof CredentialsError) throw stoppedGettingCredentials(call.reason, error);
      throw error;
    }
    return took(resolved);
  }

  /** The access key ids signed with, for `forgetSigningKeys` (ids are not secrets; the signers hold the secrets). */
  const signedKeyIds = new Set<string>();

  function sign(request: HttpRequest, signingRegion: string, resolved: ResolvedCredentials): Promise<HttpRequest> {
    const { sha256 } = options;
    const keyId = (resolved.credentials as { accessKeyId?: unknown }).accessKeyId;
    if (typeof keyId === "string" && !signedKeyIds.has(keyId)) {
      if (signedKeyIds.size >= MAX_SIGNED_KEY_IDS) signedKeyIds.delete(signedKeyIds.values().next().value!);
      signedKeyIds.add(keyId);
    }
    return signRequest(request, sha256 ? { credentials: resolved.credentials, region: signingRegion, sha256 } : { credentials: resolved.credentials, region: signingRegion });
  }

  function send(request: HttpRequest, signingRegion: string, attempt: number, source: string): Promise<HttpResponse> {
    const { debug } = ctx;
    // Without a debug sink the transport's own promise is the answer (no async frame around it).
    if (debug === undefined) return sendNow(request);
    debug({ event: "request", message: `${request.method} ${request.url}`, attempt, credentialSource: source, region: signingRegion });
    return sendNow(request).then((response) => {
      debug({
        event: "response",
        message: `${response.status} ${request.method} ${request.url}`,
        status: response.status,
        requestId: response.headers["x-amzn-requestid"],
      });
      return response;
    });
  }

  /** `transport.send(request)`, a synchronous throw (a transport that is not an async function) as a rejection. */
  function sendNow(request: HttpRequest): Promise<HttpResponse> {
    try {
      return Promise.resolve(options.transport.send(request));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  function errorFromResponse(response: ErrorResponse, context: ErrorContext = {}): BedrockError {
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

  function forgetSigned(): void {
    for (const keyId of signedKeyIds) forgetSigningKeys(keyId);
    signedKeyIds.clear();
  }

  return { credentialsFor, sign, send, errorFromResponse, failFromResponse, forgetSigningKeys: forgetSigned };
}

/** `{ requestId }` from Bedrock's `x-amzn-requestid` header, or nothing. */
export function requestIdOf(response: HttpResponse): { requestId?: string } {
  const id = response.headers["x-amzn-requestid"];
  return id ? { requestId: id } : {};
}
