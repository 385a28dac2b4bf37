import { BedrockError, utf8Decoder } from "@streambed/transport";
import { errorFromResponse as defaultErrorFromResponse, sanitizeErrorType } from "../errors/error-from-response.js";
import { API_KEY_REFUSED } from "../errors/error-from-type.js";
import { AccessDeniedError } from "../errors/service-errors.js";
import { redactSecrets } from "../errors/redact-secrets.js";
import type { ControlPlaneRequest, ControlPlaneResponse, FoundationModelSummary, InferenceProfileSummary } from "./discovery-types.js";

/** Turns a non-2xx control-plane response into a typed error. */
export type ErrorFromResponse = (response: ControlPlaneResponse) => Error;

/** ListInferenceProfiles' largest page; more pages follow `nextToken`. */
export const PROFILE_PAGE_SIZE = 1000;
/** Stop paginating after this many pages (a server repeating tokens must not loop forever). */
const MAX_PAGES = 50;

/** IAM action behind each control-plane path, for "allow …" hints. */
const ACTIONS: Record<string, string> = {
  "/foundation-models": "bedrock:ListFoundationModels",
  "/inference-profiles": "bedrock:ListInferenceProfiles",
};

function headerOf(headers: Record<string, string>, name: string): string | undefined {
  for (const key in headers) if (key.toLowerCase() === name) return headers[key];
  return undefined;
}

/**
 * A 403 AccessDeniedException from a List call, said in discovery's terms (the generic runtime
 * error talks about InvokeModel permissions, which is the wrong advice here).
 */
function accessDenied(path: string, response: ControlPlaneResponse): AccessDeniedError | undefined {
  let body: Record<string, unknown> | undefined;
  try {
    const parsed: unknown = JSON.parse(utf8Decoder().decode(response.body));
    if (parsed !== null && typeof parsed === "object") body = parsed as Record<string, unknown>;
  } catch {
    body = undefined;
  }
  const type = sanitizeErrorType(headerOf(response.headers, "x-amzn-errortype") ?? body?.__type ?? body?.code);
  if (response.status !== 403 || (type !== undefined && type !== "AccessDeniedException")) return undefined;
  // A refused Bedrock API key is not an IAM policy problem: the generic error names where the key is set.
  if (typeof body?.message === "string" && API_KEY_REFUSED.test(body.message)) return undefined;
  const action = ACTIONS[path] ?? `GET ${path}`;
  const requestId = headerOf(response.headers, "x-amzn-requestid");
  const said = typeof body?.message === "string" ? `: ${redactSecrets(body.message).replace(/[.\s]+$/, "")}` : "";
  return new AccessDeniedError(`${action} was denied (AccessDeniedException, HTTP 403)${said}. Allow ${action} for these credentials in IAM.`, {
    status: 403,
    ...(requestId ? { requestId } : {}),
  });
}

async function getJson(
  request: ControlPlaneRequest,
  path: string,
  query: Record<string, string>,
  signal: AbortSignal | undefined,
  toError: ErrorFromResponse,
): Promise<Record<string, unknown>> {
  const response = await request({ method: "GET", path, query, ...(signal ? { signal } : {}) });
  if (response.status < 200 || response.status > 299) throw accessDenied(path, response) ?? toError(response);
  let parsed: unknown;
  try {
    parsed = JSON.parse(utf8Decoder().decode(response.body));
  } catch {
    throw new BedrockError(`GET ${path} returned HTTP ${response.status} with a body that is not JSON. Check the control-plane endpoint (a proxy or a wrong URL answers like this).`, {
      code: "InvalidResponse",
      status: response.status,
    });
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new BedrockError(`GET ${path} returned JSON that is not an object. Check the control-plane endpoint.`, { code: "InvalidResponse", status: response.status });
  }
  return parsed as Record<string, unknown>;
}

/**
 * `GET /foundation-models?byOutputModality=TEXT`: Bedrock filters out embedding and image models
 * server-side (discovery filters again, in case a server ignores the parameter). Not paginated.
 */
export async function fetchFoundationModels(
  request: ControlPlaneRequest,
  signal: AbortSignal | undefined,
  toError: ErrorFromResponse = defaultErrorFromResponse,
): Promise<FoundationModelSummary[]> {
  const json = await getJson(request, "/foundation-models", { byOutputModality: "TEXT" }, signal, toError);
  const summaries = json.modelSummaries;
  if (!Array.isArray(summaries)) {
    throw new BedrockError("GET /foundation-models returned no modelSummaries list. Check the control-plane endpoint.", { code: "InvalidResponse" });
  }
  return summaries.filter((s): s is FoundationModelSummary => typeof s === "object" && s !== null);
}

/** `GET /inference-profiles?maxResults=1000[&nextToken=…]`, every page. */
export async function fetchInferenceProfiles(
  request: ControlPlaneRequest,
  signal: AbortSignal | undefined,
  toError: ErrorFromResponse = defaultErrorFromResponse,
): Promise<InferenceProfileSummary[]> {
  const all: InferenceProfileSummary[] = [];
  const seenTokens = new Set<string>();
  let nextToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const query: Record<string, string> = { maxResults: String(PROFILE_PAGE_SIZE) };
    if (nextToken !== undefined) query.nextToken = nextToken;
    const json = await getJson(request, "/inference-profiles", query, signal, toError);
    const summaries = json.inferenceProfileSummaries;
    if (Array.isArray(summaries)) {
      for (const s of summaries) if (typeof s === "object" && s !== null) all.push(s as InferenceProfileSummary);
    }
    const token = json.nextToken;
    if (typeof token !== "string" || token === "" || seenTokens.has(token)) return all;
    seenTokens.add(token);
    nextToken = token;
  }
  return all;
}
