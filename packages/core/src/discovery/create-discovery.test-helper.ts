/** createDiscovery in a test: a fake control plane on MSW (ListFoundationModels, paged ListInferenceProfiles) that tests change, and a discovery over it. */
import { http, HttpResponse, type JsonBodyType } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll } from "vitest";
import { discoverySettings, type ResolvedDiscoverySettings } from "../config/discovery-settings.js";
import { parseConfig } from "../config/parse-config.js";
import { createDiscovery } from "./create-discovery.js";
import type { ControlPlaneRequest, DiscoveryCacheStore } from "./discovery-types.js";
import { foundationModels, inferenceProfiles } from "./catalogue.fixture.js";
import { createMemoryDiscoveryCache } from "./memory-cache.js";
// Loopback only: MSW answers before any socket opens, and a miss would hit a closed local port.
export const ENDPOINT = "http://127.0.0.1:9";
export const REGION = "us-east-1";

/** What the fake control plane does; tests change it. */
export interface Plane {
  foundationCalls: number;
  profileCalls: number;
  foundationQueries: URLSearchParams[];
  profileQueries: URLSearchParams[];
  pageSize: number;
  foundation: () => Promise<Response> | Response;
  profiles: (page: number) => Promise<Response> | Response;
}

/** The fake control plane's state: one object, reset in place after each test. */
export const plane = {} as Plane;

/** ListInferenceProfiles, `plane.pageSize` per page, `nextToken` = "page-<n>". */
export function pagedProfiles(page: number): Response {
  const slice = inferenceProfiles.slice(page * plane.pageSize, (page + 1) * plane.pageSize);
  const more = (page + 1) * plane.pageSize < inferenceProfiles.length;
  return HttpResponse.json({ inferenceProfileSummaries: slice, ...(more ? { nextToken: `page-${page + 1}` } : {}) } as unknown as JsonBodyType);
}

/** Hold ListFoundationModels until `release()`; `started()` resolves once the request arrived. */
export function gateFoundation(): { release: () => void; started: () => Promise<void> } {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  plane.foundation = async () => {
    await gate;
    return HttpResponse.json({ modelSummaries: foundationModels } as unknown as JsonBodyType);
  };
  return {
    release,
    started: async () => {
      while (plane.foundationCalls === 0) await new Promise((r) => setTimeout(r, 1));
    },
  };
}

export function accessDenied(action: string): Response {
  return HttpResponse.json(
    { message: `User: arn:aws:iam::123456789012:user/dev is not authorized to perform: bedrock:${action} because no identity-based policy allows the bedrock:${action} action` },
    { status: 403, headers: { "x-amzn-errortype": "AccessDeniedException:http://internal.amazon.com/coral/com.amazon.bedrock/", "x-amzn-requestid": "0f0e0d0c-1111-2222-3333-444455556666" } },
  );
}

export function serverError(): Response {
  return HttpResponse.json({ message: "Internal server error" }, { status: 500, headers: { "x-amzn-errortype": "InternalServerException" } });
}

export function resetPlane(): void {
  Object.assign(plane, {
    foundationCalls: 0,
    profileCalls: 0,
    foundationQueries: [],
    profileQueries: [],
    pageSize: 4,
    foundation: () => HttpResponse.json({ modelSummaries: foundationModels } as unknown as JsonBodyType),
    profiles: (page: number) => pagedProfiles(page),
  } satisfies Plane);
}

const server = setupServer(
  http.get(`${ENDPOINT}/foundation-models`, ({ request }) => {
    plane.foundationCalls++;
    plane.foundationQueries.push(new URL(request.url).searchParams);
    return plane.foundation();
  }),
  http.get(`${ENDPOINT}/inference-profiles`, ({ request }) => {
    plane.profileCalls++;
    const query = new URL(request.url).searchParams;
    plane.profileQueries.push(query);
    const token = query.get("nextToken");
    return plane.profiles(token ? Number(token.slice("page-".length)) : 0);
  }),
);

resetPlane();

/** The fake control plane on MSW for the calling test file (its hooks are the file's). */
export function useControlPlane(): void {
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterEach(() => resetPlane());
  afterAll(() => server.close());
}

/** The injected signed-request function, here plain fetch (signing is the client's job). */
const request: ControlPlaneRequest = async ({ method, path, query, signal }) => {
  const url = new URL(ENDPOINT + path);
  for (const [k, v] of Object.entries(query ?? {})) url.searchParams.set(k, v);
  const res = await fetch(url, { method, ...(signal ? { signal } : {}) });
  const headers: Record<string, string> = {};
  res.headers.forEach((value, key) => (headers[key] = value));
  return { status: res.status, headers, body: new Uint8Array(await res.arrayBuffer()) };
};

export function settings(discovery: Record<string, unknown> = {}): ResolvedDiscoverySettings {
  return discoverySettings(parseConfig({ models: { bedrockDiscovery: discovery } }));
}

export function make(opts: { discovery?: Record<string, unknown>; credentials?: boolean; cache?: DiscoveryCacheStore; clock?: { t: number } } = {}) {
  const clock = opts.clock ?? { t: 1_750_000_000_000 };
  return {
    clock,
    discovery: createDiscovery({
      request,
      settings: settings(opts.discovery),
      region: REGION,
      endpoint: ENDPOINT,
      hasCredentials: async () => opts.credentials ?? true,
      cache: opts.cache ?? createMemoryDiscoveryCache(),
      now: () => clock.t,
    }),
  };
}
