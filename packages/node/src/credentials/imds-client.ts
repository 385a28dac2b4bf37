import type { ClientRequest } from "node:http";

/** One IMDS HTTP exchange's result. */
interface Reply {
  status: number;
  body: string;
}

/** Why the metadata service gave no credentials; `reachable: false` means nothing answered. */
export class ImdsUnavailable extends Error {
  constructor(
    message: string,
    readonly reachable: boolean,
  ) {
    super(message);
  }
}

export interface ImdsFetchOptions {
  /** e.g. `http://169.254.169.254` (no trailing slash). */
  endpoint: string;
  /** Budget for the whole exchange (token + role + credentials). */
  timeoutMs: number;
  /** Allow the IMDSv1 fallback when the token request is refused with 403/404/405. */
  allowV1: boolean;
}

/** The credentials document IMDS serves under `/latest/meta-data/iam/security-credentials/<role>`. */
export interface ImdsCredentialsDocument {
  AccessKeyId: string;
  SecretAccessKey: string;
  Token: string;
  Expiration: string;
}

const TOKEN_PATH = "/latest/api/token";
const ROLE_PATH = "/latest/meta-data/iam/security-credentials/";

/**
 * Largest IMDS reply read, in bytes. A token is ~56 bytes, a role name ≤ 64, a credentials document
 * ~1.3 KB; anything past this is a broken (or hostile) service, and reading it would hold memory
 * (a flood reached 212 MB RSS within the 1 s budget).
 */
export const IMDS_MAX_BODY_BYTES = 64 * 1024;

/** Whether any reply of the exchange has arrived: after that, the service is present, and a failure means it is unhealthy. */
interface Exchange {
  answered: boolean;
}

/**
 * Fetches instance-role credentials over IMDSv2: `PUT /latest/api/token`, then the role name, then
 * its credentials, all within one `timeoutMs` budget (node:http, no global dispatcher or proxy).
 * Throws `ImdsUnavailable` when there is no service, no role, or the service is disabled (HTTP 403);
 * other errors mean a broken reply.
 */
export async function fetchImdsCredentials(options: ImdsFetchOptions): Promise<ImdsCredentialsDocument> {
  const signal = AbortSignal.timeout(options.timeoutMs);
  const exchange: Exchange = { answered: false };
  const send = (what: string, method: string, path: string, headers: Record<string, string>) =>
    httpRequest(`${options.endpoint}${path}`, method, headers, { signal, timeoutMs: options.timeoutMs, what, exchange });

  let headers: Record<string, string> = {};
  const token = await send("token", "PUT", TOKEN_PATH, { "x-aws-ec2-metadata-token-ttl-seconds": "21600" });
  if (token.status === 200) headers = { "x-aws-ec2-metadata-token": token.body.trim() };
  else if (![403, 404, 405].includes(token.status)) throw new Error(`the IMDSv2 token request returned HTTP ${token.status}`);
  else if (!options.allowV1) {
    throw new ImdsUnavailable(`the IMDSv2 token request returned HTTP ${token.status} and AWS_EC2_METADATA_V1_DISABLED=true`, true);
  }

  const role = await send("role name", "GET", ROLE_PATH, headers);
  // IMDS turned off on the host (`http-endpoint disabled`) answers 403 to every request: no instance
  // role here, and the chain goes on (the AWS SDK's fromInstanceMetadata treats it the same way).
  if (role.status === 403) throw new ImdsUnavailable("the instance metadata service answered HTTP 403: it is disabled on this instance", true);
  if (role.status === 404) throw new ImdsUnavailable("the instance has no IAM role attached", true);
  if (role.status !== 200) throw new Error(`the role name request returned HTTP ${role.status}`);
  const roleName = role.body.split("\n")[0]?.trim();
  if (!roleName) throw new ImdsUnavailable("the instance has no IAM role attached", true);

  const creds = await send("credentials", "GET", `${ROLE_PATH}${encodeURIComponent(roleName)}`, headers);
  if (creds.status !== 200) throw new Error(`the credentials request for the instance role returned HTTP ${creds.status}`);
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(creds.body) as Record<string, unknown>;
  } catch {
    throw new Error("the instance role credentials are not JSON");
  }
  if (doc.Code !== undefined && doc.Code !== "Success") throw new Error(`the instance role credentials have Code ${JSON.stringify(doc.Code)}`);
  for (const key of ["AccessKeyId", "SecretAccessKey", "Token", "Expiration"] as const) {
    if (typeof doc[key] !== "string" || !doc[key]) throw new Error(`the instance role credentials lack ${key}`);
  }
  return doc as unknown as ImdsCredentialsDocument;
}

/**
 * One request. Before any reply of the exchange has arrived, a failure or the budget running out
 * means "no service here" (`ImdsUnavailable`); after one has, the service is there but unhealthy (a
 * plain `Error`, reported as a `CredentialsError` and never remembered as absent). A body longer
 * than {@link IMDS_MAX_BODY_BYTES} is cut off at once (the connection is destroyed).
 */
function httpRequest(
  url: string,
  method: string,
  headers: Record<string, string>,
  { signal, timeoutMs, what, exchange }: { signal: AbortSignal; timeoutMs: number; what: string; exchange: Exchange },
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const fail = (error: Error & { code?: string }) => {
      const timedOut = signal.aborted || error.name === "AbortError";
      if (exchange.answered) {
        reject(
          new Error(
            timedOut
              ? `is unhealthy: its ${what} reply did not complete within the ${timeoutMs} ms budget`
              : `is unhealthy: its ${what} request failed with ${error.code ?? error.name} (${error.message.split("\n")[0]})`,
          ),
        );
        return;
      }
      reject(new ImdsUnavailable(timedOut ? `no answer within ${timeoutMs} ms` : `${error.code ?? error.name} (${error.message.split("\n")[0]})`, false));
    };
    let req: ClientRequest;
    try {
      // node:http is loaded here, not at import: only an IMDS credential load needs it (cold start).
      req = process.getBuiltinModule("node:http").request(url, { method, headers, signal, agent: false });
    } catch (error) {
      fail(error as Error);
      return;
    }
    req.on("error", fail);
    req.on("response", (res) => {
      exchange.answered = true;
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (c: Buffer) => {
        size += c.length;
        if (size > IMDS_MAX_BODY_BYTES) {
          reject(new Error(`is unhealthy: its ${what} reply is larger than ${IMDS_MAX_BODY_BYTES} bytes (a credentials document is about 1 KB); reading stopped there`));
          req.destroy();
          return;
        }
        chunks.push(c);
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", fail);
    });
    req.end();
  });
}
