import type { Agent as HttpAgent, AgentOptions as HttpAgentOptions } from "node:http";
import type { AgentOptions as HttpsAgentOptions } from "node:https";
import type { Socket } from "node:net";

type Env = Record<string, string | undefined>;
type ConnectionCallback = (error: Error | null, socket?: Socket) => void;

/**
 * The STS endpoint the environment names: `AWS_ENDPOINT_URL_STS`, else `AWS_ENDPOINT_URL` (unless
 * `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true`). The AWS SDK reads these from `process.env` only;
 * passing them on makes an injected `env` decide, as it does for every other setting.
 */
export function stsEndpoint(env: Env): { endpoint?: string } {
  if (env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS?.trim().toLowerCase() === "true") return {};
  const endpoint = env.AWS_ENDPOINT_URL_STS?.trim() || env.AWS_ENDPOINT_URL?.trim();
  return endpoint ? { endpoint } : {};
}

/** The error a cut request fails with. Named AbortError: the SDK does not retry it. */
function aborted(): Error {
  return Object.assign(new Error("The request was aborted: nobody waits for these credentials any more."), { name: "AbortError" });
}

/**
 * An http(s) agent of one credential load: once `signal` aborts, its open sockets are destroyed
 * (the request in flight fails) and it opens no new connection (the SDK's retries fail at once).
 */
function abortableAgent<A extends HttpAgent>(Base: new (options: HttpAgentOptions & HttpsAgentOptions) => A, signal: AbortSignal): A {
  const agent = new Base({ keepAlive: false });
  const create = (agent as unknown as { createConnection: (options: unknown, callback: ConnectionCallback) => Socket | undefined }).createConnection.bind(agent);
  (agent as unknown as { createConnection: (options: unknown, callback: ConnectionCallback) => Socket | undefined }).createConnection = (options, callback) => {
    if (signal.aborted) {
      callback(aborted());
      return undefined;
    }
    return create(options, callback);
  };
  return agent;
}

/**
 * Client settings for the STS/SSO clients an AWS SDK provider creates during one credential load:
 * the endpoint from the injected env ({@link stsEndpoint}) and, with a `signal`, HTTP agents of the
 * load's own, so that aborting the load (every call that wanted it gave up) cuts its requests
 * instead of leaving them to hang. `close()` once the load is over.
 */
export function sdkClientConfig(env: Env, signal: AbortSignal | undefined): { clientConfig: Record<string, unknown>; close(): void } {
  if (!signal) return { clientConfig: { ...stsEndpoint(env) }, close: () => undefined };
  // node:http(s) are loaded here, not at import: only an STS/SSO credential load needs them (cold start).
  const agents = [abortableAgent(process.getBuiltinModule("node:http").Agent, signal), abortableAgent(process.getBuiltinModule("node:https").Agent, signal)] as const;
  const cut = () => {
    for (const agent of agents) for (const sockets of Object.values(agent.sockets)) for (const socket of sockets ?? []) socket.destroy(aborted());
  };
  signal.addEventListener("abort", cut, { once: true });
  return {
    clientConfig: { ...stsEndpoint(env), requestHandler: { httpAgent: agents[0], httpsAgent: agents[1] } },
    close() {
      signal.removeEventListener("abort", cut);
      for (const agent of agents) agent.destroy();
    },
  };
}
