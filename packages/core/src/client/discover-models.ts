import { BedrockError, TimeoutError, readBody } from "@streambed/transport";
import { discoverySettings } from "../config/discovery-settings.js";
import { createDiscovery, type Discovery } from "../discovery/create-discovery.js";
import type { ControlPlaneRequest } from "../discovery/discovery-types.js";
import { knownModelLimits } from "../discovery/known-model-limits.js";
import { createMemoryDiscoveryCache } from "../discovery/memory-cache.js";
import { resolveEndpoints } from "../endpoint/resolve-endpoints.js";
import { CredentialsError } from "../errors/client-errors.js";
import { tapActivity } from "./body-activity.js";
import { CallTimeouts } from "./call-timeouts.js";
import { joinUrl } from "./client-settings.js";
import type { DiscoveryParts, DiscoverModels, ModelDiscovery, OpenableDiscovery } from "./model-discovery.js";

/** Largest control-plane reply read, in bytes. */
const MAX_CONTROL_PLANE_BYTES = 64 * 1024 * 1024;

/** Model discovery for `createBedrock({ discovery })` (see {@link ModelDiscovery}). */
export function modelDiscovery(): ModelDiscovery {
  // Discovery fills its listing from the known-model table, so the table comes with it.
  const discovery: OpenableDiscovery = { kind: "model-discovery", open: openDiscovery, knownModels: knownModelLimits };
  return discovery;
}

function openDiscovery({ ctx, target, requests }: DiscoveryParts): DiscoverModels {
  const { options, env, secrets, firstByteMs, idleMs } = ctx;
  let discovery: Promise<Discovery> | undefined;
  return async (opts) => {
    discovery ??= setUp();
    discovery.catch(() => (discovery = undefined));
    return (await discovery).list(opts);
  };

  async function setUp(): Promise<Discovery> {
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
    return createDiscovery({
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
  }
}
