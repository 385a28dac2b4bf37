import type { S3Location } from "../types/index.js";
import { toBase64 } from "./base64.js";
import type { BedrockMediaSource, BedrockS3Location } from "./converse-body.js";
import { describeValue, invalidRequest, isPlainObject } from "./invalid-request.js";

const S3_URI = /^s3:\/\/[a-z0-9][.\-a-z0-9]{1,61}[a-z0-9](\/.*)?$/;
const ACCOUNT_ID = /^\d{12}$/;

/**
 * An image / document / video source: `data` (bytes or base64) → `{ bytes }`, or `s3: { uri,
 * bucketOwner? }` → `{ s3Location }`, checked against Bedrock's patterns (`s3://bucket/key`, at
 * most 1024 characters; a 12-digit account id). Exactly one of the two.
 */
export function mapMediaSource(block: { data?: unknown; s3?: unknown }, path: string): BedrockMediaSource {
  const hasData = block.data !== undefined;
  if (hasData === (block.s3 !== undefined)) {
    invalidRequest(path, hasData ? "give either `data` or `s3`, not both." : "needs `data` (bytes or base64) or `s3: { uri }`.");
  }
  if (hasData) return { bytes: toBase64(block.data as Uint8Array | string, `${path}.data`) };
  return { s3Location: mapS3Location(block.s3, `${path}.s3`) };
}

function mapS3Location(s3: unknown, path: string): BedrockS3Location {
  if (!isPlainObject(s3)) invalidRequest(path, `expected { uri: "s3://bucket/key", bucketOwner? }, got ${describeValue(s3)}.`);
  const { uri, bucketOwner } = s3 as Partial<S3Location>;
  if (typeof uri !== "string" || uri.length > 1024 || !S3_URI.test(uri)) {
    invalidRequest(`${path}.uri`, `expected an S3 URI such as "s3://my-bucket/docs/report.pdf" (lower-case bucket name, at most 1024 characters), got ${describeValue(uri)}.`);
  }
  if (bucketOwner === undefined) return { uri };
  if (typeof bucketOwner !== "string" || !ACCOUNT_ID.test(bucketOwner)) invalidRequest(`${path}.bucketOwner`, `expected the bucket owner's 12-digit AWS account id, got ${describeValue(bucketOwner)}.`);
  return { uri, bucketOwner };
}
