/**
 * SigV4 signing of a 5 MB request body (an image in a Converse request), in this process:
 * streambed's `signRequest` with `NodeSha256` (node:crypto, what `createBedrock` injects in Node),
 * with its default (WebCrypto), and with `@aws-crypto/sha256-js` (pure JS, what the AWS SDK uses
 * where it has no native hash). Median of `runs` after one warm-up.
 */
import { Sha256 } from "@aws-crypto/sha256-js";
import { signRequest, type HttpRequest, type SignOptions } from "@streambed/transport";
import { NodeSha256 } from "@streambed/node/internal";

export interface SigningResult {
  sha256: string;
  bodyBytes: number;
  /** Median ms per signature. */
  ms: number;
}

const CREDENTIALS = { accessKeyId: "AKIDBENCHMARK000000", secretAccessKey: "bench/secret/not/a/real/key/0000000000" };

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

export async function runSigningBench(options: { runs: number; log: (line: string) => void }): Promise<SigningResult[]> {
  const body = new Uint8Array(5 * 1024 * 1024);
  for (let i = 0; i < body.length; i++) body[i] = (i * 2654435761) >>> 24;
  const request: HttpRequest = {
    method: "POST",
    url: "https://bedrock-runtime.us-east-1.amazonaws.com/model/us.anthropic.claude-sonnet-4-5-20250929-v1%3A0/converse",
    headers: { "content-type": "application/json" },
    body,
  };
  const contenders: [string, SignOptions["sha256"] | undefined][] = [
    ["NodeSha256 (node:crypto; createBedrock's default in Node)", NodeSha256 as unknown as SignOptions["sha256"]],
    ["WebCrypto (signRequest's default)", undefined],
    ["@aws-crypto/sha256-js", Sha256 as unknown as SignOptions["sha256"]],
  ];
  const results: SigningResult[] = [];
  const runs = Math.max(3, options.runs);
  for (const [name, sha256] of contenders) {
    const sign = () => signRequest(request, { credentials: CREDENTIALS, region: "us-east-1", ...(sha256 ? { sha256 } : {}) });
    await sign();
    const times: number[] = [];
    for (let r = 0; r < runs; r++) {
      const t0 = performance.now();
      const signed = await sign();
      times.push(performance.now() - t0);
      if (!signed.headers.authorization?.startsWith("AWS4-HMAC-SHA256 ")) throw new Error(`${name}: no SigV4 authorization header`);
    }
    const ms = median(times);
    results.push({ sha256: name, bodyBytes: body.length, ms: Math.round(ms * 100) / 100 });
    options.log(`${name.padEnd(58)} ${ms.toFixed(2).padStart(8)} ms`);
  }
  return results;
}
