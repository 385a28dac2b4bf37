import type { Context } from "hono";
import { GatewayError } from "../errors/gateway-error.js";
import type { GatewayDeps, GatewayEnv } from "../http/gateway-env.js";
import { modelAllowed } from "../keys/model-allowed.js";

/** An entry of `GET /v1/models`. */
export interface OpenAIModel {
  id: string;
  object: "model";
  created: number;
  owned_by: string;
}

/** streambed's configured + discovered models the key may call, in OpenAI's shape. */
async function allowedModels(c: Context<GatewayEnv>, deps: GatewayDeps): Promise<OpenAIModel[]> {
  const key = c.get("key");
  const models = await deps.bedrock.models.list({ signal: c.req.raw.signal });
  return models
    .filter((m) => modelAllowed(m.id, key.models))
    .map((m) => ({ id: m.id, object: "model" as const, created: 0, owned_by: (m.vendor ?? "amazon-bedrock").toLowerCase() }));
}

/** `GET /v1/models`: `{ object: "list", data }`, filtered by the key's allowlist. */
export async function listModelsRoute(c: Context<GatewayEnv>, deps: GatewayDeps): Promise<Response> {
  return c.json({ object: "list", data: await allowedModels(c, deps) });
}

/** `GET /v1/models/{id}`: the model, or 404 when it is not listed for this key. */
export async function getModelRoute(c: Context<GatewayEnv>, deps: GatewayDeps): Promise<Response> {
  const id = c.req.param("id") ?? "";
  const model = (await allowedModels(c, deps)).find((m) => m.id === id);
  if (!model) throw new GatewayError(404, "not_found_error", `The model ${id} does not exist or this key may not use it.`, { param: "model", code: "model_not_found" });
  return c.json(model);
}
