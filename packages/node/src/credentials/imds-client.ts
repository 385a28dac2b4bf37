import { request } from "node:http";

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
 * Fetches instance-role credentials over IMDSv2: `PUT /latest/api/token`, then the role name, then
 * its credentials, all within one `timeoutMs` budget (node:http, no global dispatcher or proxy).
 * Throws `ImdsUnavailable` when there is no service or no role; other errors mean a broken reply.
 */
export async function fetchImdsCredentials(options: ImdsFetchOptions): Promise<ImdsCredentialsDocument> {
  const signal = AbortSignal.timeout(options.timeoutMs);
  const send = (method: string, path: string, headers: Record<string, string>) => httpRequest(`${options.endpoint}${path}`, method, headers, signal, options.timeoutMs);

  let headers: Record<string, string> = {};
  const token = await send("PUT", TOKEN_PATH, { "x-aws-ec2-metadata-token-ttl-seconds": "21600" });
  if (token.status === 200) headers = { "x-aws-ec2-metadata-token": token.body.trim() };
  else if (![403, 404, 405].includes(token.status)) throw new Error(`the IMDSv2 token request returned HTTP ${token.status}`);
  else if (!options.allowV1) {
    throw new ImdsUnavailable(`the IMDSv2 token request returned HTTP ${token.status} and AWS_EC2_METADATA_V1_DISABLED=true`, true);
  }

  const role = await send("GET", ROLE_PATH, headers);
  if (role.status === 404) throw new ImdsUnavailable("the instance has no IAM role attached", true);
  if (role.status !== 200) throw new Error(`the role name request returned HTTP ${role.status}`);
  const roleName = role.body.split("\n")[0]?.trim();
  if (!roleName) throw new ImdsUnavailable("the instance has no IAM role attached", true);

  const creds = await send("GET", `${ROLE_PATH}${encodeURIComponent(roleName)}`, headers);
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

function httpRequest(url: string, method: string, headers: Record<string, string>, signal: AbortSignal, timeoutMs: number): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const fail = (error: Error & { code?: string }) => {
      const what =
        signal.aborted || error.name === "AbortError" ? `no answer within ${timeoutMs} ms` : `${error.code ?? error.name} (${error.message.split("\n")[0]})`;
      reject(new ImdsUnavailable(what, false));
    };
    let req;
    try {
      req = request(url, { method, headers, signal, agent: false });
    } catch (error) {
      fail(error as Error);
      return;
    }
    req.on("error", fail);
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", fail);
    });
    req.end();
  });
}
