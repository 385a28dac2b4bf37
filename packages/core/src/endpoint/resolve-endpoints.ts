import { ConfigError } from "../errors/index.js";
import { partitionOf } from "./partitions.js";

type Env = Record<string, string | undefined>;

export interface EndpointInput {
  region: string;
  env: Env;
  /** Runtime endpoint option (`createBedrock({ endpoint })` / config `baseUrl`). */
  runtime?: string;
  /** Control-plane (discovery) endpoint option. */
  controlPlane?: string;
}

export interface ResolvedEndpoints {
  /** Where Converse / ConverseStream go, e.g. `https://bedrock-runtime.us-east-1.amazonaws.com`. */
  runtime: string;
  /** Where ListFoundationModels / ListInferenceProfiles go, e.g. `https://bedrock.us-east-1.amazonaws.com`. */
  controlPlane: string;
  /** `option`, `env: AWS_ENDPOINT_URL_BEDROCK_RUNTIME`, `env: AWS_ENDPOINT_URL`, or `default`. */
  runtimeSource: string;
  /** `option`, `env: AWS_ENDPOINT_URL_BEDROCK`, `env: AWS_ENDPOINT_URL`, or `default`. */
  controlPlaneSource: string;
  /** The region to sign for (service `bedrock`), also for custom hosts. */
  signingRegion: string;
}

/**
 * The runtime and control-plane endpoints. Runtime: option → `AWS_ENDPOINT_URL_BEDROCK_RUNTIME` →
 * `AWS_ENDPOINT_URL` → `https://bedrock-runtime.{region}.{dnsSuffix}`; control plane: option →
 * `AWS_ENDPOINT_URL_BEDROCK` → `AWS_ENDPOINT_URL` → `https://bedrock.{region}.{dnsSuffix}`.
 * `AWS_USE_FIPS_ENDPOINT=true` → `bedrock[-runtime]-fips.{region}…`, `AWS_USE_DUALSTACK_ENDPOINT=true`
 * → the partition's dual-stack suffix (`api.aws`); both only change the default hosts.
 * `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true` ignores the `AWS_ENDPOINT_URL*` variables.
 * Requests to any host are signed for service `bedrock` in `region`.
 */
export function resolveEndpoints(input: EndpointInput): ResolvedEndpoints {
  const { region, env } = input;
  const fips = flag(env, "AWS_USE_FIPS_ENDPOINT");
  const dualStack = flag(env, "AWS_USE_DUALSTACK_ENDPOINT");
  const envUrls = !flag(env, "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS");
  const partition = partitionOf(region);
  const defaultHost = (service: string) =>
    `https://${service}${fips ? "-fips" : ""}.${region}.${dualStack ? partition.dualStackDnsSuffix : partition.dnsSuffix}`;

  const pick = (option: string | undefined, optionName: string, variables: string[], service: string) => {
    if (option?.trim()) return { url: checkUrl(option, optionName), source: "option" };
    if (envUrls) {
      for (const name of variables) {
        const value = env[name]?.trim();
        if (value) return { url: checkUrl(value, name), source: `env: ${name}` };
      }
    }
    return { url: defaultHost(service), source: "default" };
  };

  const runtime = pick(input.runtime, "endpoint", ["AWS_ENDPOINT_URL_BEDROCK_RUNTIME", "AWS_ENDPOINT_URL"], "bedrock-runtime");
  const controlPlane = pick(input.controlPlane, "controlPlaneEndpoint", ["AWS_ENDPOINT_URL_BEDROCK", "AWS_ENDPOINT_URL"], "bedrock");
  return {
    runtime: runtime.url,
    controlPlane: controlPlane.url,
    runtimeSource: runtime.source,
    controlPlaneSource: controlPlane.source,
    signingRegion: region,
  };
}

function flag(env: Env, name: string): boolean {
  const value = env[name]?.trim().toLowerCase();
  if (!value || value === "false") return false;
  if (value === "true") return true;
  throw new ConfigError(`${name} must be "true" or "false".`, { path: name });
}

/** An http(s) URL without trailing slash; the value is not echoed (it may hold proxy credentials). */
function checkUrl(value: string, name: string): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new ConfigError(`${name} is not a valid URL; expected something like https://bedrock-runtime.us-east-1.amazonaws.com.`, { path: name });
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new ConfigError(`${name} must be an http:// or https:// URL.`, { path: name });
  }
  if (url.username || url.password) {
    throw new ConfigError(`${name} must not contain a user name or password.`, { path: name });
  }
  if (url.search || url.hash) {
    throw new ConfigError(`${name} must not have a query string or fragment.`, { path: name });
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}
