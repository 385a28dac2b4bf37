import type { ClientRequest, IncomingMessage } from "node:http";
import type { AwsCredentials } from "@streambed/core";

/**
 * Largest container-endpoint reply read, in bytes. A credentials document is about 1.3 KB; past
 * this the endpoint is broken (or hostile), and reading on would only hold memory.
 */
export const CONTAINER_MAX_BODY_BYTES = 64 * 1024;

/** The ECS task-role agent, and EKS Pod Identity's (IPv4, IPv6): the plain-http hosts the AWS SDKs call besides loopback. */
const AGENT_HOSTS = new Set(["169.254.170.2", "169.254.170.23", "[fd00:ec2::23]"]);

/**
 * The endpoint URL, as the AWS SDKs accept it: any `https:` URL; `http:` only to loopback
 * (127.0.0.0/8, `localhost`, `[::1]`) or the ECS / EKS agent addresses. Throws a one-line `Error`.
 */
export function containerEndpointUrl(relative: string | undefined, full: string | undefined): URL {
  let url: URL;
  try {
    url = new URL(relative ? `http://169.254.170.2${relative.startsWith("/") ? "" : "/"}${relative}` : full!);
  } catch {
    throw new Error("the URL is not valid");
  }
  if (url.protocol === "https:") return url;
  const host = url.hostname;
  const loopback = host === "localhost" || host === "[::1]" || /^127(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/.test(host);
  if (url.protocol === "http:" && (loopback || AGENT_HOSTS.has(host))) return url;
  throw new Error("the URL is not accepted: it must be https, or http to loopback (127.0.0.0/8, [::1]), the ECS agent 169.254.170.2 or the EKS agent 169.254.170.23 / [fd00:ec2::23]");
}

export interface ContainerFetchOptions {
  url: URL;
  /** The `Authorization` header (the token, already checked and trimmed). */
  authorization?: string;
  /** Budget of each attempt, from sending the request to the end of the reply. */
  timeoutMs: number;
  /** Attempts in all (a failed connection, a timeout or a 5xx is tried again). */
  attempts: number;
  /** Stops the load: the request in flight is destroyed at once and nothing more is sent. */
  signal?: AbortSignal;
}

/** Why one attempt failed, and whether another may do better. */
class AttemptFailed extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

const stopped = () => Object.assign(new Error("the load was stopped: nobody waits for these credentials any more"), { name: "AbortError" });

/**
 * Container credentials (ECS task roles, EKS Pod Identity): `GET <url>` with the authorization
 * token, over node:http(s) without pooling. Each attempt has `timeoutMs` for the whole exchange —
 * a server that accepts the request and never answers, or answers and stalls, is cut then — and a
 * reply is read up to {@link CONTAINER_MAX_BODY_BYTES}. An aborted `signal` destroys the request in
 * flight. Throws a one-line `Error` (its name `AbortError` when stopped).
 *
 * Not the AWS SDK's `fromHttp`: its timeout only logs a warning (smithy's `requestTimeout` without
 * `throwOnRequestTimeout`), so a silent endpoint held a load for ever, and it cannot be cut.
 */
export async function fetchContainerCredentials(options: ContainerFetchOptions): Promise<AwsCredentials & { expiration: Date }> {
  let last: AttemptFailed | undefined;
  for (let attempt = 1; attempt <= options.attempts; attempt++) {
    if (options.signal?.aborted) throw stopped();
    try {
      return parseDocument(await exchange(options));
    } catch (error) {
      if (!(error instanceof AttemptFailed)) throw error;
      last = error;
      if (!error.retryable) break;
    }
  }
  throw new Error(options.attempts > 1 && last!.retryable ? `${last!.message} (tried ${options.attempts} times)` : last!.message);
}

function parseDocument(body: string): AwsCredentials & { expiration: Date } {
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(body) as Record<string, unknown>;
  } catch {
    throw new AttemptFailed("its reply is not JSON", false);
  }
  for (const key of ["AccessKeyId", "SecretAccessKey", "Token", "Expiration"] as const) {
    if (typeof doc?.[key] !== "string" || !doc[key]) throw new AttemptFailed(`its reply lacks ${key} (expected { AccessKeyId, SecretAccessKey, Token, Expiration })`, false);
  }
  const expiration = new Date(doc.Expiration as string);
  if (Number.isNaN(expiration.getTime())) throw new AttemptFailed("its reply's Expiration is not a date", false);
  return { accessKeyId: doc.AccessKeyId as string, secretAccessKey: doc.SecretAccessKey as string, sessionToken: doc.Token as string, expiration };
}

/** One GET within the attempt's budget; resolves to the body of a 200 reply. */
function exchange(options: ContainerFetchOptions): Promise<string> {
  const { url, timeoutMs, signal } = options;
  return new Promise<string>((resolve, reject) => {
    let req: ClientRequest | undefined;
    let settled = false;
    const finish = (error: Error | undefined, body?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      if (error) {
        req?.destroy();
        reject(error);
      } else resolve(body!);
    };
    const onAbort = () => finish(stopped());
    const timer = setTimeout(() => finish(new AttemptFailed(`no complete reply within ${timeoutMs} ms`, true)), timeoutMs);
    signal?.addEventListener("abort", onAbort, { once: true });
    const onResponse = (res: IncomingMessage) => {
      const status = res.statusCode ?? 0;
      if (status !== 200) {
        res.resume();
        return finish(new AttemptFailed(`it answered HTTP ${status}`, status >= 500));
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (c: Buffer) => {
        size += c.length;
        if (size > CONTAINER_MAX_BODY_BYTES) {
          finish(new AttemptFailed(`its reply is larger than ${CONTAINER_MAX_BODY_BYTES} bytes (a credentials document is about 1 KB); reading stopped there`, false));
          return;
        }
        chunks.push(c);
      });
      res.on("end", () => finish(undefined, Buffer.concat(chunks).toString("utf8")));
      res.on("error", (error: Error & { code?: string }) => finish(new AttemptFailed(`its reply failed: ${error.code ?? error.name}`, true)));
    };
    try {
      // Loaded here, not at import: only a container credential load needs them (cold start).
      const send = url.protocol === "https:" ? process.getBuiltinModule("node:https").request : process.getBuiltinModule("node:http").request;
      req = send(url, { method: "GET", agent: false, headers: { accept: "application/json", ...(options.authorization ? { authorization: options.authorization } : {}) } }, onResponse);
    } catch (error) {
      return finish(new AttemptFailed(`the request could not be sent: ${(error as Error).message.split("\n")[0]}`, false));
    }
    req.on("error", (error: Error & { code?: string }) => finish(new AttemptFailed(`${error.code ?? error.name} (${error.message.split("\n")[0]})`, true)));
    req.end();
  });
}
