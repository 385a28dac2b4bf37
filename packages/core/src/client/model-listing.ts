import { BedrockError, TimeoutError, readBody } from "@streambed/transport";
import { discoverySettings } from "../config/discovery-settings.js";
import { createDiscovery, type Discovery } from "../discovery/create-discovery.js";
import type { ControlPlaneRequest } from "../discovery/discovery-types.js";
import { createMemoryDiscoveryCache } from "../discovery/memory-cache.js";
import { mergeModels } from "../discovery/merge-models.js";
import { baseModelId } from "../discovery/base-model-id.js";
import { applyLearnedLimits } from "../discovery/learned-limits.js";
import { resolveEndpoints } from "../endpoint/resolve-endpoints.js";
import { CredentialsError } from "../errors/client-errors.js";
import type { ListedModel, ModelListing, ModelListOptions } from "./bedrock-client.js";
import { tapActivity } from "./body-activity.js";
import { CallTimeouts } from "./call-timeouts.js";
import type { ClientContext } from "./client-context.js";
import { joinUrl, type ClientSettings } from "./client-settings.js";
import type { SignedRequests } from "./signed-requests.js";

/** Largest control-plane reply read, in bytes. */
const MAX_CONTROL_PLANE_BYTES = 64 * 1024 * 1024;

/**
 * `models.listing()`: discovery over the control plane, signed with the client's credentials, merged
 * with the configured models. Discovery is set up on the first listing.
 */
export function createModelListing(ctx: ClientContext, target: ClientSettings, requests: SignedRequests): (options?: ModelListOptions) => Promise<ModelListing> {
  const { options, env, secrets, firstByteMs, idleMs } = ctx;
  let discovery: Discovery | undefined;

  async function getDiscovery(): Promise<Discovery> {
    if (discovery) return discovery;
    const s = await target.settings();
    const { config } = await ctx.loadConfig();
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
        const resolved = await requests.credentialsFor(timeouts);
        const signed = await timeouts.race(
          requests.sign({ method, url: joinUrl(controlPlane.endpoint, path) + qs, headers: { accept: "application/json" } }, controlPlane.signingRegion, resolved),
        );
        const response = await requests.send({ ...signed, signal: timeouts.signal }, controlPlane.signingRegion, 1, resolved.source);
        timeouts.headersReceived();
        return secrets.response({ status: response.status, headers: response.headers, body: await readBody(tapActivity(response.body, timeouts), MAX_CONTROL_PLANE_BYTES) });
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
          await requests.credentialsFor(call);
          return true;
        } catch (error) {
          if (call.reason instanceof TimeoutError) throw secrets.error(error);
          return false;
        } finally {
          call.dispose();
        }
      },
      cache: options.discoveryCache ?? createMemoryDiscoveryCache(),
      now: ctx.now,
      errorFromResponse: requests.errorFromResponse,
    });
    return discovery;
  }

  return async function listing(opts: ModelListOptions = {}): Promise<ModelListing> {
    const d = await getDiscovery();
    const { configured } = await ctx.loadConfig();
    const result = secrets.listing(
      await d.list({
        ...(opts.includeLegacy !== undefined ? { includeLegacy: opts.includeLegacy } : {}),
        ...(opts.refresh !== undefined ? { refresh: opts.refresh } : {}),
        ...(opts.signal ? { signal: opts.signal } : {}),
      }),
    );
    const discoveredIds = new Set(result.models.map((m) => m.id));
    const configuredIds = new Set(configured.map((m) => m.id));
    let models: ListedModel[] = mergeModels(configured, result.models).map((m) => ({
      ...m,
      key: `amazon-bedrock/${m.id}`,
      source: configuredIds.has(m.id) ? (discoveredIds.has(m.id) ? "configured+discovered" : "configured") : "discovered",
    }));
    // Limits Bedrock itself named for a model (learned from its errors) apply when lower, with their source.
    const learned = await ctx.lessons.forEndpoint((await target.settings()).runtimeEndpoint).all();
    if (Object.keys(learned).length > 0) models = models.map((m) => applyLearnedLimits(m, learned[baseModelId(m.id)]));
    if (opts.provider) {
      const p = opts.provider.toLowerCase();
      models = models.filter((m) => (m.vendor ?? "").toLowerCase() === p || m.id.toLowerCase().replace(/^(us|eu|apac|global|jp|au|ca|us-gov)\./, "").startsWith(p));
    }
    ctx.debug?.({ event: "discovery", message: `${models.length} model(s); discovery ${result.source}${result.reason ? `: ${result.reason}` : ""}` });
    return { models, discovery: result };
  };
}
