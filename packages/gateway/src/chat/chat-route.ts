import type { Context } from "hono";
import { admit } from "../http/admit.js";
import type { GatewayDeps, GatewayEnv } from "../http/gateway-env.js";
import { randomId, readJson } from "../http/read-json.js";
import { streamAnswer } from "../http/stream-answer.js";
import { ChatChunker } from "./chat-chunks.js";
import { chatCompletionOf } from "./chat-completion.js";
import { parseChatRequest } from "./parse-chat-request.js";
import { tokenCountsOf } from "./usage.js";

/** `POST /v1/chat/completions`: streamed (SSE) or one JSON answer. */
export async function chatCompletionsRoute(c: Context<GatewayEnv>, deps: GatewayDeps): Promise<Response> {
  const tracker = c.get("call");
  const key = c.get("key");
  const body = await readJson(c);
  const call = await parseChatRequest(body, deps.remoteImages, c.req.raw.signal);
  tracker.model = call.model;
  tracker.stream = call.stream;
  await admit(key, call.model, deps.limiter);
  const controller = deps.live.open(c.req.raw.signal);
  const request = { ...call.request, model: call.model, signal: controller.signal };
  const id = randomId("chatcmpl-");
  const created = Math.floor(deps.sinks.now() / 1000);
  if (call.stream) {
    const chunker = new ChatChunker(id, call.model, created, call.includeUsage);
    return streamAnswer(deps.bedrock.stream(request), chunker, controller, deps.live, tracker);
  }
  try {
    const message = await deps.bedrock.complete(request);
    tracker.used(tokenCountsOf(message.usage));
    return c.json(chatCompletionOf(message, id, call.model, created));
  } finally {
    deps.live.close(controller);
  }
}
