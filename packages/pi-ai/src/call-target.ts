import type { Api, Model as PiModel } from "@mariozechner/pi-ai";
import type { Model } from "streambed";

/** Where one call goes: streambed's model object and the region of the client that sends it. */
export interface CallTarget {
  model: Model;
  /** The region to call (else streambed resolves it: config → AWS_REGION → … → profile → us-east-1). */
  region: string | undefined;
}

/** The region of a standard `https://bedrock-runtime[-fips].<region>.amazonaws.com[.cn]` URL. */
export function standardEndpointRegion(baseUrl: string | undefined): string | undefined {
  if (!baseUrl) return undefined;
  try {
    const match = new URL(baseUrl).hostname.toLowerCase().match(/^bedrock-runtime(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/);
    return match?.[1];
  } catch {
    return undefined;
  }
}

/**
 * pi-ai's model and region option → streambed's model and region, with pi-ai's endpoint rule: a
 * custom `baseUrl` (VPC endpoint, proxy) is always used; a standard regional one only when no
 * region (option, the provider's `bedrock.region`, `AWS_REGION`, `AWS_DEFAULT_REGION`), no
 * `AWS_PROFILE` and no provider `bedrock.endpoint` is set — then its region is the call's. Otherwise the region is resolved as usual and the endpoint variables
 * (`AWS_ENDPOINT_URL_BEDROCK_RUNTIME`) apply. `cachePoints` is pi-ai's decision on cache points.
 */
export function callTarget(
  model: PiModel<Api>,
  options: {
    region?: string | undefined;
    headers?: Record<string, string> | undefined;
    cachePoints: boolean;
    /** The provider's streambed `region` / `endpoint` options: configured too. */
    defaults?: { region?: string | undefined; endpoint?: string | undefined };
  },
  env: Record<string, string | undefined>,
): CallTarget {
  const configured = options.region || options.defaults?.region || env.AWS_REGION || env.AWS_DEFAULT_REGION || undefined;
  const endpointRegion = standardEndpointRegion(model.baseUrl);
  const explicit = Boolean(model.baseUrl) && (!endpointRegion || (!configured && !env.AWS_PROFILE && !options.defaults?.endpoint));
  const headers = model.headers || options.headers ? { ...model.headers, ...options.headers } : undefined;
  const target: Model = {
    id: model.id,
    name: model.name,
    api: model.api,
    provider: model.provider,
    reasoning: model.reasoning,
    input: [...model.input],
    cost: { ...model.cost },
    contextWindow: model.contextWindow,
    maxTokens: model.maxTokens,
    supportsCaching: options.cachePoints,
    ...(explicit ? { baseUrl: model.baseUrl } : {}),
    ...(headers ? { headers } : {}),
  };
  return { model: target, region: configured ?? (explicit ? endpointRegion : undefined) };
}
