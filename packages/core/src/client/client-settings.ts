import type { StreambedConfig } from "../config/config-schema.js";
import { resolveEndpoints } from "../endpoint/resolve-endpoints.js";
import { regionFromArn } from "../region/region-from-arn.js";
import { resolveRegion } from "../region/resolve-region.js";
import type { Model } from "../types/index.js";
import type { ResolvedSettings } from "./bedrock-client.js";
import type { ClientContext } from "./client-context.js";

/** Where one model's calls go: the runtime endpoint and the region to sign for. */
export interface RuntimeTarget {
  endpoint: string;
  signingRegion: string;
}

/** The client's region and endpoints (resolved once, again after a failure), and each model's target. */
export interface ClientSettings {
  settings(): Promise<ResolvedSettings>;
  /** Runtime endpoint and signing region for one model: an ARN's region wins (cross-region profiles). */
  runtimeTarget(model: Model): Promise<RuntimeTarget>;
  /** {@link runtimeTarget} at once, when the settings and the config are already resolved; else undefined. */
  runtimeTargetNow(model: Model): RuntimeTarget | undefined;
}

function configRegion(config: StreambedConfig | undefined): string | undefined {
  const c = config as { models?: { providers?: Record<string, { region?: unknown }> } } | undefined;
  const region = c?.models?.providers?.["amazon-bedrock"]?.region;
  return typeof region === "string" && region ? region : undefined;
}

function configBaseUrl(config: StreambedConfig | undefined): string | undefined {
  const c = config as { models?: { providers?: Record<string, { baseUrl?: unknown }> } } | undefined;
  const url = c?.models?.providers?.["amazon-bedrock"]?.baseUrl;
  return typeof url === "string" && url ? url : undefined;
}

/** Region: option → config → env → profile → default; endpoints from the region, options, config and env. */
export function createClientSettings(ctx: ClientContext): ClientSettings {
  const { options, env } = ctx;
  let settingsPromise: Promise<ResolvedSettings> | undefined;
  let resolved: ResolvedSettings | undefined;
  function settings(): Promise<ResolvedSettings> {
    settingsPromise ??= (async () => {
      const { config } = await ctx.loadConfig();
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
      return (resolved = {
        region: region.region,
        regionSource: region.source,
        runtimeEndpoint: endpoints.runtime,
        runtimeEndpointSource:
          !options.endpoint && endpoints.runtimeSource === "option" ? 'config: models.providers["amazon-bedrock"].baseUrl' : endpoints.runtimeSource,
        controlPlaneEndpoint: endpoints.controlPlane,
        controlPlaneEndpointSource: endpoints.controlPlaneSource,
        signingRegion: endpoints.signingRegion,
      });
    })();
    settingsPromise.catch(() => (settingsPromise = undefined));
    return settingsPromise;
  }

  async function runtimeTarget(model: Model): Promise<RuntimeTarget> {
    const s = await settings();
    const { config } = await ctx.loadConfig();
    return targetOf(model, s, config);
  }

  function runtimeTargetNow(model: Model): RuntimeTarget | undefined {
    const loaded = ctx.loadedConfig();
    return resolved === undefined || loaded === undefined ? undefined : targetOf(model, resolved, loaded.config);
  }

  function targetOf(model: Model, s: ResolvedSettings, config: StreambedConfig | undefined): RuntimeTarget {
    if (model.baseUrl) return { endpoint: model.baseUrl, signingRegion: regionFromArn(model.id) ?? s.signingRegion };
    const arnRegion = regionFromArn(model.id);
    if (arnRegion && arnRegion !== s.region) {
      const custom = options.endpoint ?? configBaseUrl(config);
      const other = resolveEndpoints({ region: arnRegion, env, runtime: custom });
      return { endpoint: other.runtime, signingRegion: arnRegion };
    }
    return { endpoint: s.runtimeEndpoint, signingRegion: s.signingRegion };
  }

  return { settings, runtimeTarget, runtimeTargetNow };
}

/** `base` (trailing slashes dropped) followed by `path`. */
export function joinUrl(base: string, path: string): string {
  return base.replace(/\/+$/, "") + path;
}
