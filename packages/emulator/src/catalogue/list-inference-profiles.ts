import { AwsErrorReply, validationError } from "../http/aws-error.js";
import type { InferenceProfileSummary } from "./types.js";

const TYPES = ["SYSTEM_DEFINED", "APPLICATION"];

function encodeToken(offset: number): string {
  return btoa(JSON.stringify({ o: offset, v: 1 }));
}

function decodeToken(token: string): number | undefined {
  try {
    const parsed = JSON.parse(atob(token)) as { o?: unknown; v?: unknown };
    return typeof parsed.o === "number" && Number.isInteger(parsed.o) && parsed.o >= 0 && parsed.v === 1 ? parsed.o : undefined;
  } catch {
    return undefined;
  }
}

/**
 * ListInferenceProfiles: filter by `type` (the SDKs' `typeEquals`), paginate with `maxResults`
 * (1–1000, default all) and an opaque `nextToken`. Returns the JSON body.
 */
export function listInferenceProfiles(
  profiles: InferenceProfileSummary[],
  query: URLSearchParams,
): { inferenceProfileSummaries: InferenceProfileSummary[]; nextToken?: string } | AwsErrorReply {
  const type = query.get("type");
  if (type !== null && !TYPES.includes(type)) {
    return validationError(
      `1 validation error detected: Value '${type}' at 'typeEquals' failed to satisfy constraint: Member must satisfy enum value set: [${TYPES.join(", ")}]`,
    );
  }
  const rawMax = query.get("maxResults");
  let max = 1000;
  if (rawMax !== null) {
    max = Number(rawMax);
    if (!/^-?\d+$/.test(rawMax) || max < 1 || max > 1000) {
      return validationError(
        `1 validation error detected: Value '${rawMax}' at 'maxResults' failed to satisfy constraint: Member must have value ${max < 1 ? "greater than or equal to 1" : "less than or equal to 1000"}`,
      );
    }
  }
  const token = query.get("nextToken");
  const offset = token === null ? 0 : decodeToken(token);
  if (offset === undefined) return new AwsErrorReply(400, "ValidationException", "The provided pagination token is invalid.");
  const matching = type === null ? profiles : profiles.filter((p) => p.type === type);
  const page = matching.slice(offset, offset + max);
  const next = offset + max;
  return next < matching.length ? { inferenceProfileSummaries: page, nextToken: encodeToken(next) } : { inferenceProfileSummaries: page };
}
