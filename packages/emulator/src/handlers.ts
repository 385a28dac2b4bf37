import { http, HttpResponse, type HttpHandler } from "msw";
import { describeAuth, verifyRequest, type AuthSummary, type VerifyConfig } from "./auth/verify-request.js";
import { maskKeyId } from "./auth/parse-authorization.js";
import { defaultModels, defaultProfiles } from "./catalogue/default-catalogue.js";
import { listFoundationModels } from "./catalogue/list-foundation-models.js";
import { listInferenceProfiles } from "./catalogue/list-inference-profiles.js";
import { getFoundationModel, getInferenceProfile } from "./catalogue/get-catalogue-entry.js";
import { resolveModel } from "./catalogue/resolve-model.js";
import type { FoundationModelSummary, InferenceProfileSummary } from "./catalogue/types.js";
import { parseBehaviour, planBehaviour, planReply } from "./converse/behaviour.js";
import { buildSteps } from "./converse/build-steps.js";
import { parseFault, STREAM_EXCEPTIONS, type Fault } from "./converse/faults.js";
import { estimateTokens, fromJsonEvents, planToEvents, type TimedEvent } from "./converse/plan-to-events.js";
import { hashString, seededRandom } from "./converse/random.js";
import { inputText, readConverseRequest } from "./converse/request-info.js";
import { abortableDelay, streamSteps } from "./converse/stream-body.js";
import { PromptCache, splitAtCachePoint } from "./converse/prompt-cache.js";
import { applyGuardrail, TEST_GUARDRAIL } from "./converse/guardrail.js";
import { toConverseResponse } from "./converse/to-converse-response.js";
import { checkModelRules, REFUSE_HEADER } from "./converse/limit-and-field-rules.js";
import { citationFor } from "./converse/citations.js";
import { countTokens } from "./converse/count-tokens.js";
import { featureRuleError } from "./converse/feature-rules.js";
import { structuredText } from "./converse/structured-reply.js";
import { promptCallOfRaw, TEST_PROMPT } from "./converse/prompts.js";
import { DEMO_CREDENTIALS } from "./demo-credentials.js";
import { AwsErrorReply, awsErrorResponse, coralUnknownOperation200, jsonResponse } from "./http/aws-error.js";
import { newRequestId } from "./http/request-id.js";
import { controlItemRoute, controlRoute, modelRoute, regionOfHost, unencodedModelRoute } from "./http/routes.js";
import type { EmulatorOptions, RecordedRequest, Reply } from "./options.js";

/** Request header choosing a built-in behaviour (`echo`, `lorem[:words]`, `tool[:name]`, `reasoning`, comma-separated). */
export const BEHAVIOUR_HEADER = "x-streambed-emulator-behaviour";
/** Request header injecting a fault (`throttle`, `500`, `modelStreamErrorException`, `stall:5`, …). */
export const FAULT_HEADER = "x-streambed-emulator-fault";
/** Request header overriding the text speed for one call. */
export const SPEED_HEADER = "x-streambed-emulator-tokens-per-second";

/** Exception event name → the Converse (non-streaming) HTTP error it becomes. */
const CONVERSE_EQUIVALENT: Record<string, [number, string]> = {
  internalServerException: [500, "InternalServerException"],
  modelStreamErrorException: [424, "ModelErrorException"],
  validationException: [400, "ValidationException"],
  throttlingException: [429, "ThrottlingException"],
  serviceUnavailableException: [503, "ServiceUnavailableException"],
};

interface Context {
  options: EmulatorOptions;
  verify: VerifyConfig;
  catalogueFor(region: string): { models: FoundationModelSummary[]; profiles: InferenceProfileSummary[] };
  /** Prompt prefixes written by earlier calls (cache points). */
  promptCache: PromptCache;
  /** Profiles of every geography, for resolving a profile id whatever the caller's region. */
  allProfiles(region: string): InferenceProfileSummary[];
}

function makeContext(options: EmulatorOptions): Context {
  const credentials = options.credentials ?? [];
  const bearerTokens = options.bearerTokens ?? [];
  const verify = options.verify ?? (credentials.length > 0 || bearerTokens.length > 0);
  return {
    options,
    verify: {
      verify,
      credentials: verify && credentials.length === 0 && bearerTokens.length === 0 ? [DEMO_CREDENTIALS] : credentials,
      bearerTokens,
      ...(options.region !== undefined ? { region: options.region } : {}),
      now: options.now ?? (() => new Date()),
    },
    promptCache: new PromptCache(),
    catalogueFor: (region) => ({
      models: options.catalogue?.models ?? defaultModels(region),
      profiles: options.catalogue?.profiles ?? defaultProfiles(region),
    }),
    allProfiles: (region) =>
      options.catalogue?.profiles ?? ["us-east-1", "eu-west-1", "ap-northeast-1"].flatMap((r) => defaultProfiles(r)).map((p) => ({ ...p, inferenceProfileArn: p.inferenceProfileArn.replace(/:bedrock:[^:]+:/, `:bedrock:${region}:`) })),
  };
}

function redactHeaders(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of headers) {
    if (name === "authorization") {
      out[name] = /^Bearer\s/i.test(value)
        ? "Bearer ****"
        : value.replace(/Credential=([^/,\s]+)/, (_, id: string) => `Credential=${maskKeyId(id)}`).replace(/Signature=[0-9a-fA-F]+/, "Signature=****");
    } else if (name === "x-amz-security-token") out[name] = "****";
    else out[name] = value;
  }
  return out;
}

/** One call in progress: its request id, bytes, caller, and how to record it. */
interface Call {
  request: Request;
  url: URL;
  body: Uint8Array;
  requestId: string;
  auth: AuthSummary;
  region: string;
  operation: string;
  modelId?: string;
  receivedAt: Date;
}

function record(ctx: Context, call: Call, status: number): void {
  if (!ctx.options.onRequest) return;
  const { region: _region, ...auth } = call.auth;
  const entry: RecordedRequest = {
    method: call.request.method,
    url: call.url.href,
    operation: call.operation,
    ...(call.modelId !== undefined ? { modelId: call.modelId } : {}),
    headers: redactHeaders(call.request.headers),
    body: new TextDecoder().decode(call.body),
    status,
    auth,
    receivedAt: call.receivedAt,
    ms: Date.now() - call.receivedAt.getTime(),
  };
  ctx.options.onRequest(entry);
}

function faultFromHeader(request: Request): Fault | AwsErrorReply | undefined {
  const value = request.headers.get(FAULT_HEADER);
  return value ? parseFault(value) : undefined;
}

/** Apply a fault that acts before any body: HTTP error, stall before headers, reset before headers. */
async function preResponseFault(fault: Fault | undefined, call: Call, streaming: boolean): Promise<Response | undefined> {
  if (!fault) return undefined;
  if (fault.kind === "http") return awsErrorResponse(fault.error, call.requestId);
  if (fault.kind === "stall" && (fault.where === "headers" || !streaming)) await abortableDelay(fault.ms, call.request.signal);
  if (fault.kind === "reset" && (fault.where === "headers" || !streaming)) return HttpResponse.error();
  return undefined;
}

/**
 * Run one call: read the body, verify auth, apply header faults, then `route`. Every reply carries
 * `x-amzn-requestid`; every call is recorded (secrets redacted).
 */
async function handle(
  ctx: Context,
  request: Request,
  operation: string,
  modelId: string | undefined,
  route: (call: Call) => Promise<Response>,
): Promise<Response> {
  const receivedAt = new Date();
  const url = new URL(request.url);
  const body = new Uint8Array(await request.arrayBuffer());
  const call: Call = {
    receivedAt,
    request,
    url,
    body,
    requestId: newRequestId(),
    auth: describeAuth(request.headers),
    region: "us-east-1",
    operation,
    ...(modelId !== undefined ? { modelId } : {}),
  };
  let response: Response;
  const verified = await verifyRequest({ method: request.method, url, headers: request.headers, body }, ctx.verify);
  if (verified instanceof AwsErrorReply) {
    response = awsErrorResponse(verified, call.requestId);
  } else {
    call.auth = verified;
    call.region = ctx.options.region ?? verified.region ?? regionOfHost(url.hostname) ?? "us-east-1";
    response = await route(call);
  }
  record(ctx, call, response.type === "error" ? 0 : response.status);
  return response;
}

async function listRoute(ctx: Context, call: Call, kind: "models" | "profiles"): Promise<Response> {
  const fault = faultFromHeader(call.request);
  if (fault instanceof AwsErrorReply) return awsErrorResponse(fault, call.requestId);
  const early = await preResponseFault(fault, call, false);
  if (early) return early;
  const catalogue = ctx.catalogueFor(call.region);
  const result =
    kind === "models" ? listFoundationModels(catalogue.models, call.url.searchParams) : listInferenceProfiles(catalogue.profiles, call.url.searchParams);
  return result instanceof AwsErrorReply ? awsErrorResponse(result, call.requestId) : jsonResponse(result, call.requestId);
}

async function getRoute(ctx: Context, call: Call, kind: "model" | "profile", identifier: string): Promise<Response> {
  const fault = faultFromHeader(call.request);
  if (fault instanceof AwsErrorReply) return awsErrorResponse(fault, call.requestId);
  const early = await preResponseFault(fault, call, false);
  if (early) return early;
  const catalogue = ctx.catalogueFor(call.region);
  const result = kind === "model" ? getFoundationModel(catalogue.models, identifier) : getInferenceProfile(catalogue.profiles, identifier);
  return result instanceof AwsErrorReply ? awsErrorResponse(result, call.requestId) : jsonResponse(result, call.requestId);
}

/** `emulator.<behaviour>` or `emulator.fault.<fault>` model ids. */
function fromModelId(modelId: string): { behaviour?: string; fault?: string } {
  const id = modelId.slice(modelId.lastIndexOf("/") + 1);
  if (!id.startsWith("emulator.")) return {};
  const rest = id.slice("emulator.".length);
  return rest.startsWith("fault.") ? { fault: rest.slice("fault.".length) } : { behaviour: rest };
}

async function converseRoute(ctx: Context, call: Call, modelId: string, streaming: boolean): Promise<Response> {
  const byModel = fromModelId(modelId);
  const headerFault = faultFromHeader(call.request) ?? (byModel.fault ? parseFault(byModel.fault) : undefined);
  if (headerFault instanceof AwsErrorReply) return awsErrorResponse(headerFault, call.requestId);
  const early = await preResponseFault(headerFault, call, streaming);
  if (early) return early;

  // A Prompt management prompt's ARN runs the prompt: its model, its text first (converse/prompts.ts).
  const prompted = promptCallOfRaw(call.body, modelId, [TEST_PROMPT, ...(ctx.options.prompts ?? [])]);
  if (prompted instanceof AwsErrorReply) return awsErrorResponse(prompted, call.requestId);
  if (prompted) modelId = prompted.modelId;
  const body = prompted?.raw ?? call.body;

  // Strict (the default): a geography's profile answers only callers in that geography (and `global.` everyone).
  const strict = !(ctx.options.lenient ?? ctx.options.strictModels === false);
  const resolved = resolveModel(
    modelId,
    { models: ctx.catalogueFor(call.region).models, profiles: strict ? ctx.catalogueFor(call.region).profiles : ctx.allProfiles(call.region) },
    { streaming, strict },
  );
  if (resolved instanceof AwsErrorReply) return awsErrorResponse(resolved, call.requestId);
  const headers: Record<string, string> = {};
  for (const [k, v] of call.request.headers) headers[k] = v;
  const info = readConverseRequest(
    body,
    { operation: streaming ? "converse-stream" : "converse", modelId, headers, region: call.region },
    { validate: ctx.options.validate ?? true },
  );
  if (info instanceof AwsErrorReply) return awsErrorResponse(info, call.requestId);
  const ruleError = (ctx.options.validate ?? true) ? featureRuleError(info.body, resolved.model?.modelId ?? modelId, call.region) : undefined;
  if (ruleError) return awsErrorResponse(ruleError, call.requestId);
  const overLimit = checkModelRules(info.body, {
    modelId: resolved.model?.modelId,
    provider: resolved.model?.providerName,
    refused: new Set((call.request.headers.get(REFUSE_HEADER) ?? "").split(",").map((s) => s.trim()).filter(Boolean)),
    ...(ctx.options.modelLimits ? { limits: ctx.options.modelLimits } : {}),
  });
  if (overLimit) return awsErrorResponse(overLimit, call.requestId);
  const guardrails = [TEST_GUARDRAIL, ...(ctx.options.guardrails ?? [])];
  const unknownGuardrail = applyGuardrail(info.body, guardrails, { input: "", output: "" });
  if (unknownGuardrail instanceof AwsErrorReply) return awsErrorResponse(unknownGuardrail, call.requestId);

  const reply: Reply = (await ctx.options.script?.(info)) ?? {};
  let fault = headerFault;
  if (!fault && reply.fault) {
    const parsed = parseFault(reply.fault);
    if (parsed instanceof AwsErrorReply) return awsErrorResponse(parsed, call.requestId);
    fault = parsed;
    const late = await preResponseFault(fault, call, streaming);
    if (late) return late;
  }
  if (reply.error) return awsErrorResponse(new AwsErrorReply(reply.error.status, reply.error.type, reply.error.message), call.requestId);

  const random = seededRandom(hashString(`${modelId}\n${info.lastUserText}`));
  const speedHeader = Number(call.request.headers.get(SPEED_HEADER));
  const tokensPerSecond = reply.tokensPerSecond ?? (speedHeader > 0 ? speedHeader : (ctx.options.tokensPerSecond ?? 0));
  let events: TimedEvent[] | undefined;
  if (!reply.frames) {
    if (reply.events) events = fromJsonEvents(reply.events);
    else {
      let plan;
      if (reply.text !== undefined || reply.reasoning !== undefined || reply.toolUse !== undefined) plan = planReply(reply, random);
      else {
        const spec = parseBehaviour(reply.behaviour ?? call.request.headers.get(BEHAVIOUR_HEADER) ?? byModel.behaviour);
        if (spec instanceof AwsErrorReply) return awsErrorResponse(spec, call.requestId);
        plan = planBehaviour(info, spec, random);
        const json = plan.toolUse ? undefined : structuredText(info.body, info.lastUserText);
        if (json !== undefined) plan.text = json;
      }
      const citation = citationFor(info.body);
      const guard = applyGuardrail(info.body, guardrails, { input: info.lastUserText, output: plan.text });
      if (guard && !(guard instanceof AwsErrorReply) && guard.blocked !== undefined) plan = { text: guard.blocked, stopReason: "guardrail_intervened" };
      const trace = guard && !(guard instanceof AwsErrorReply) ? guard.trace : undefined;
      const inference = info.body["inferenceConfig"] as { maxTokens?: unknown; stopSequences?: unknown } | undefined;
      const maxTokens = inference?.maxTokens;
      const stopSequences = Array.isArray(inference?.stopSequences) ? inference.stopSequences.filter((x): x is string => typeof x === "string") : [];
      const claude = resolved.model?.providerName === "Anthropic" || /(^|[./])anthropic\./.test(modelId);
      const rawPaths = info.body["additionalModelResponseFieldPaths"];
      const fieldPaths = Array.isArray(rawPaths) ? rawPaths.filter((p): p is string => typeof p === "string") : [];
      const split = splitAtCachePoint(info.body);
      let cache: { read: number; write: number; ttl: "5m" | "1h" } | undefined;
      if (split) {
        const tokens = estimateTokens(split.prefix);
        const hit = ctx.promptCache.hit(`${modelId}\n${split.prefix}`, split.ttl, (ctx.options.now ?? (() => new Date()))().getTime());
        cache = { read: hit ? tokens : 0, write: hit ? 0 : tokens, ttl: split.ttl };
      }
      events = planToEvents(plan, {
        tokensPerSecond,
        inputTokens: split ? Math.max(0, estimateTokens(split.whole) - estimateTokens(split.prefix)) : estimateTokens(inputText(info.body)),
        ...(cache ? { cache } : {}),
        ...(trace ? { trace: { guardrail: trace } } : {}),
        ...(claude && fieldPaths.length > 0 ? { responseFieldPaths: { paths: fieldPaths, streaming } } : {}),
        ...(typeof maxTokens === "number" ? { maxTokens } : {}),
        ...(stopSequences.length > 0 ? { stopSequences } : {}),
        ...(citation ? { citation: { ...citation } } : {}),
        served: { serviceTier: info.body["serviceTier"], performanceConfig: info.body["performanceConfig"] },
        random,
      });
    }
  }

  if (streaming) {
    const steps = buildSteps(reply.frames ? { frames: reply.frames } : { events: events! }, fault, random);
    return new Response(streamSteps(steps, call.request.signal), {
      status: 200,
      headers: { "content-type": "application/vnd.amazon.eventstream", "x-amzn-requestid": call.requestId },
    });
  }
  if (!events) {
    return awsErrorResponse(new AwsErrorReply(400, "ValidationException", "Scripted raw frames apply to ConverseStream only."), call.requestId);
  }
  if (fault?.kind === "exception") {
    const [status, type] = CONVERSE_EQUIVALENT[fault.exceptionType]!;
    return awsErrorResponse(new AwsErrorReply(status, type, STREAM_EXCEPTIONS[fault.exceptionType]!.message), call.requestId);
  }
  const generation = events.reduce((sum, e) => sum + e.delayMs, 0);
  if (generation > 0) await abortableDelay(generation, call.request.signal);
  return jsonResponse(toConverseResponse(events), call.requestId);
}

/**
 * MSW handlers for a local Bedrock: `POST /model/{modelId}/converse`, `POST
 * /model/{modelId}/converse-stream` (bedrock-runtime hosts), `GET /foundation-models`, `GET
 * /inference-profiles` (bedrock hosts), each also on loopback hosts. Runtime-free: the same
 * handlers run under `setupServer`, in the loopback server and in workerd.
 */
export function createBedrockHandlers(options: EmulatorOptions = {}): HttpHandler[] {
  const ctx = makeContext(options);
  return [
    http.post(modelRoute("converse"), ({ request, params }) =>
      handle(ctx, request, "converse", params["modelId"] as string, (call) => converseRoute(ctx, call, params["modelId"] as string, false)),
    ),
    http.post(modelRoute("converse-stream"), ({ request, params }) =>
      handle(ctx, request, "converse-stream", params["modelId"] as string, (call) => converseRoute(ctx, call, params["modelId"] as string, true)),
    ),
    http.post(modelRoute("count-tokens"), ({ request, params }) =>
      handle(ctx, request, "count-tokens", params["modelId"] as string, async (call) => {
        const result = countTokens(call.body, params["modelId"] as string, ctx.catalogueFor(call.region).models, { validate: ctx.options.validate ?? true });
        return result instanceof AwsErrorReply ? awsErrorResponse(result, call.requestId) : jsonResponse(result, call.requestId);
      }),
    ),
    // An ARN with a literal "/" in the path: Bedrock's router answers 200 with a Coral body (vercel/ai #17523).
    http.post(unencodedModelRoute(), ({ request, params }) =>
      handle(ctx, request, "unknown", params["modelId"] as string, async (call) => coralUnknownOperation200(call.requestId)),
    ),
    http.get(controlRoute("/foundation-models"), ({ request }) =>
      handle(ctx, request, "list-foundation-models", undefined, (call) => listRoute(ctx, call, "models")),
    ),
    http.get(controlRoute("/inference-profiles"), ({ request }) =>
      handle(ctx, request, "list-inference-profiles", undefined, (call) => listRoute(ctx, call, "profiles")),
    ),
    http.get(controlItemRoute("/foundation-models"), ({ request, params }) =>
      handle(ctx, request, "get-foundation-model", params["identifier"] as string, (call) => getRoute(ctx, call, "model", params["identifier"] as string)),
    ),
    http.get(controlItemRoute("/inference-profiles"), ({ request, params }) =>
      handle(ctx, request, "get-inference-profile", params["identifier"] as string, (call) => getRoute(ctx, call, "profile", params["identifier"] as string)),
    ),
  ];
}
