/** The parts of an `AWS4-HMAC-SHA256` Authorization header. */
export interface SigV4Authorization {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

/** Parse `AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…`; `undefined` when malformed. */
export function parseSigV4Authorization(header: string): SigV4Authorization | undefined {
  const match = /^AWS4-HMAC-SHA256\s+(.+)$/.exec(header.trim());
  if (!match) return undefined;
  const fields: Record<string, string> = {};
  for (const part of match[1]!.split(/\s*,\s*/)) {
    const eq = part.indexOf("=");
    if (eq > 0) fields[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  const credential = fields["Credential"]?.split("/");
  const signedHeaders = fields["SignedHeaders"];
  const signature = fields["Signature"];
  if (!credential || credential.length !== 5 || credential[4] !== "aws4_request" || !signedHeaders || !signature) return undefined;
  const [accessKeyId, date, region, service] = credential as [string, string, string, string, string];
  if (!/^[0-9a-f]{64}$/.test(signature)) return undefined;
  return { accessKeyId, date, region, service, signedHeaders: signedHeaders.split(";"), signature };
}

/** `****ABCD`: the only form in which an access key id may appear in output. */
export function maskKeyId(accessKeyId: string): string {
  return `****${accessKeyId.slice(-4)}`;
}

/** Compare two strings without an early exit, so timing leaks nothing about the expected value. */
export function constantTimeEqual(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a.charCodeAt(i) | 0) ^ (b.charCodeAt(i) | 0);
  return diff === 0;
}
