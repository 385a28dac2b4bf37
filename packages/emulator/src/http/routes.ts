import type { HttpCustomPredicate, PathParams } from "msw";

const RUNTIME_HOST = /^bedrock-runtime(-fips)?\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/;
const CONTROL_HOST = /^bedrock(-fips)?\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/;
const LOOPBACK_HOST = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/** Whether `hostname` is a Bedrock runtime host (or loopback). */
export function isRuntimeHost(hostname: string): boolean {
  return RUNTIME_HOST.test(hostname) || LOOPBACK_HOST.test(hostname);
}

/** Whether `hostname` is a Bedrock control-plane host (or loopback). */
export function isControlHost(hostname: string): boolean {
  return CONTROL_HOST.test(hostname) || LOOPBACK_HOST.test(hostname);
}

/** The region in a Bedrock hostname (`bedrock-runtime.eu-west-1.amazonaws.com` → `eu-west-1`). */
export function regionOfHost(hostname: string): string | undefined {
  return /^bedrock(?:-runtime)?(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com/.exec(hostname)?.[1];
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Matches `/model/{modelId}/{action}` on runtime hosts; `params.modelId` is percent-decoded (ARNs keep their `/`). */
export function modelRoute(action: "converse" | "converse-stream" | "count-tokens"): HttpCustomPredicate<PathParams> {
  const path = new RegExp(`^/model/([^/]+)/${action}$`);
  return ({ request }) => {
    const url = new URL(request.url);
    const match = isRuntimeHost(url.hostname) ? path.exec(url.pathname) : null;
    return match ? { matches: true, params: { modelId: safeDecode(match[1]!) } } : false;
  };
}

/**
 * Matches `/model/{id with a literal "/"}/converse[-stream]` on runtime hosts: an ARN whose `/` was
 * not percent-encoded, which Bedrock's router does not take for the operation (see
 * {@link coralUnknownOperation200}).
 */
export function unencodedModelRoute(): HttpCustomPredicate<PathParams> {
  const path = /^\/model\/([^/]+(?:\/[^/]+)+)\/(converse|converse-stream)$/;
  return ({ request }) => {
    const url = new URL(request.url);
    const match = isRuntimeHost(url.hostname) ? path.exec(url.pathname) : null;
    return match ? { matches: true, params: { modelId: safeDecode(match[1]!) } } : false;
  };
}

/** Matches a fixed control-plane path on Bedrock control-plane hosts. */
export function controlRoute(pathname: string): HttpCustomPredicate<PathParams> {
  return ({ request }) => {
    const url = new URL(request.url);
    return isControlHost(url.hostname) && url.pathname === pathname;
  };
}

/** Matches `<prefix>/{identifier}` (one percent-decoded segment, ARNs arrive as `%2F`-encoded) on control-plane hosts. */
export function controlItemRoute(prefix: string): HttpCustomPredicate<PathParams> {
  const path = new RegExp(`^${prefix}/([^/]+)$`);
  return ({ request }) => {
    const url = new URL(request.url);
    const match = isControlHost(url.hostname) ? path.exec(url.pathname) : null;
    return match ? { matches: true, params: { identifier: safeDecode(match[1]!) } } : false;
  };
}
