/** A fresh `x-amzn-requestid` (a UUID, like Bedrock's). */
export function newRequestId(): string {
  return globalThis.crypto.randomUUID();
}
