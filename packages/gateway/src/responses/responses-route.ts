import type { Context } from "hono";
import { tokenCountsOf } from "../chat/usage.js";
import { GatewayError } from "../errors/gateway-error.js";
import { admit } from "../http/admit.js";
import type { GatewayDeps, GatewayEnv } from "../http/gateway-env.js";
import { randomId, readJson } from "../http/read-json.js";
import { streamAnswer } from "../http/stream-answer.js";
import { parseResponsesRequest } from "./parse-responses-request.js";
import { outcomeOf, outputItemsOf, responseObject, responseUsageOf } from "./response-object.js";
import { ResponsesEncoder } from "./responses-events.js";
import { finishReasonOf } from "../chat/finish-reason.js";

/** `POST /v1/responses`: the Responses API, streamed (SSE events) or one JSON response. Stateless. */
export async function responsesRoute(c: Context<GatewayEnv>, deps: GatewayDeps): Promise<Response> {
  const tracker = c.get("call");
  const call = await parseResponsesRequest(await readJson(c), deps.remoteImages, c.req.raw.signal);
  tracker.model = call.model;
  tracker.stream = call.stream;
  await admit(c.get("key"), call.model, deps.limiter);
  const controller = deps.live.open(c.req.raw.signal);
  const request = { ...call.request, model: call.model, signal: controller.signal };
  const id = randomId("resp_");
  const created = Math.floor(deps.sinks.now() / 1000);
  if (call.stream) {
    return streamAnswer(deps.bedrock.stream(request), new ResponsesEncoder(id, created, call, randomId), controller, deps.live, tracker);
  }
  try {
    const message = await deps.bedrock.complete(request);
    const counts = tokenCountsOf(message.usage);
    tracker.used(counts);
    if (finishReasonOf(message.stopReason) === undefined) {
      throw new GatewayError(502, "server_error", message.errorMessage ?? `The model's answer ended in an error (Bedrock stop reason ${message.rawStopReason ?? message.stopReason}).`, { code: "model_error" });
    }
    const { status, incomplete } = outcomeOf(message.stopReason);
    const output = outputItemsOf(message, randomId, call.includeEncrypted);
    return c.json(responseObject(id, created, call, status, output, { incomplete_details: incomplete, usage: counts ? responseUsageOf(counts) : null }));
  } finally {
    deps.live.close(controller);
  }
}
