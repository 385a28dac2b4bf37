import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** A server on 127.0.0.1 that records every request. */
export interface Loopback {
  url: string;
  requests: Array<{ method: string; path: string; headers: IncomingMessage["headers"]; body: string }>;
  close(): Promise<void>;
}

export async function startLoopback(handle: (req: IncomingMessage, res: ServerResponse, body: string) => void): Promise<Loopback> {
  const requests: Loopback["requests"] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      requests.push({ method: req.method ?? "", path: req.url ?? "", headers: req.headers, body });
      handle(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port on 127.0.0.1 where nothing listens (connections are refused at once). */
export async function deadEndpoint(): Promise<string> {
  const s = await startLoopback(() => undefined);
  await s.close();
  return s.url;
}

export interface ImdsEmulatorOptions {
  credentials: { AccessKeyId: string; SecretAccessKey: string; Token: string };
  /** Expiration served, as ISO string (changeable between requests). */
  expiration: () => string;
  role?: string | null;
  /** Answer the token PUT with this status instead of a token (403/404/405 → IMDSv1). */
  tokenStatus?: number;
}

/** The EC2 instance metadata service (IMDSv2): token PUT, role name, credentials JSON with Expiration. */
export function startImdsEmulator(options: ImdsEmulatorOptions): Promise<Loopback> {
  const TOKEN = "AQAEAImdsSessionTokenValue==";
  return startLoopback((req, res) => {
    const role = options.role === undefined ? "streambed-instance-role" : options.role;
    if (req.method === "PUT" && req.url === "/latest/api/token") {
      if (options.tokenStatus) return void res.writeHead(options.tokenStatus).end();
      if (!req.headers["x-aws-ec2-metadata-token-ttl-seconds"]) return void res.writeHead(400).end();
      return void res.writeHead(200, { "content-type": "text/plain" }).end(TOKEN);
    }
    if (!options.tokenStatus && req.headers["x-aws-ec2-metadata-token"] !== TOKEN) return void res.writeHead(401).end();
    if (req.method === "GET" && req.url === "/latest/meta-data/iam/security-credentials/") {
      if (!role) return void res.writeHead(404).end();
      return void res.writeHead(200, { "content-type": "text/plain" }).end(role);
    }
    if (req.method === "GET" && role && req.url === `/latest/meta-data/iam/security-credentials/${role}`) {
      const doc = { Code: "Success", LastUpdated: new Date(0).toISOString(), Type: "AWS-HMAC", ...options.credentials, Expiration: options.expiration() };
      return void res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(doc));
    }
    res.writeHead(404).end();
  });
}

/** A minimal STS (awsQuery): AssumeRole and AssumeRoleWithWebIdentity answer with the given credentials. */
export function startStsEmulator(credentials: { AccessKeyId: string; SecretAccessKey: string; SessionToken: string; Expiration: string }): Promise<Loopback> {
  return startLoopback((_req, res, body) => {
    const action = new URLSearchParams(body).get("Action") ?? "";
    if (action !== "AssumeRole" && action !== "AssumeRoleWithWebIdentity") return void res.writeHead(400).end();
    const xml = `<${action}Response xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><${action}Result><Credentials><AccessKeyId>${credentials.AccessKeyId}</AccessKeyId><SecretAccessKey>${credentials.SecretAccessKey}</SecretAccessKey><SessionToken>${credentials.SessionToken}</SessionToken><Expiration>${credentials.Expiration}</Expiration></Credentials><AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/r/s</Arn><AssumedRoleId>AROAEXAMPLE:s</AssumedRoleId></AssumedRoleUser></${action}Result><ResponseMetadata><RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ResponseMetadata></${action}Response>`;
    res.writeHead(200, { "content-type": "text/xml" }).end(xml);
  });
}
