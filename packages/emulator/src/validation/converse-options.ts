import { blocksOf, isObject, messagesOf, objects, type JsonObject } from "./json.js";

const SERVICE_TIERS = ["priority", "default", "flex", "reserved"];
const LATENCIES = ["standard", "optimized"];
const TTLS = ["5m", "1h"];
const VIDEO_FORMATS = ["mkv", "mov", "mp4", "webm", "flv", "mpeg", "mpg", "wmv", "three_gp"];
const S3_URI = /^s3:\/\/[a-z0-9][.\-a-z0-9]{1,61}[a-z0-9](\/.*)?$/;
const S3_URI_PATTERN = "s3://[a-z0-9][\\.\\-a-z0-9]{1,61}[a-z0-9](/.*)?";
const ACCOUNT_ID = /^[0-9]{12}$/;

function violation(value: unknown, path: string, constraint: string): string {
  const shown = Array.isArray(value) ? `[${value.join(", ")}]` : typeof value === "string" ? value : JSON.stringify(value);
  return value === undefined || value === null
    ? `Value null at '${path}' failed to satisfy constraint: ${constraint}`
    : `Value '${shown}' at '${path}' failed to satisfy constraint: ${constraint}`;
}

function checkEnum(out: string[], value: unknown, path: string, values: string[]): void {
  if (value === undefined) return;
  if (!values.includes(value as string)) out.push(violation(value, path, `Member must satisfy enum value set: [${values.join(", ")}]`));
}

function checkRequired(out: string[], value: unknown, path: string): boolean {
  if (value !== undefined && value !== null) return true;
  out.push(violation(null, path, "Member must not be null"));
  return false;
}

/** A cache point, an S3 source, a video's format and a document's citations switch, wherever the block is. */
function checkBlock(out: string[], block: JsonObject, path: string): void {
  const cachePoint = block["cachePoint"];
  if (isObject(cachePoint)) {
    if (checkRequired(out, cachePoint["type"], `${path}.cachePoint.type`)) checkEnum(out, cachePoint["type"], `${path}.cachePoint.type`, ["default"]);
    checkEnum(out, cachePoint["ttl"], `${path}.cachePoint.ttl`, TTLS);
  }
  for (const kind of ["image", "document", "video"]) {
    const member = block[kind];
    if (!isObject(member)) continue;
    if (kind === "video" && checkRequired(out, member["format"], `${path}.video.format`)) checkEnum(out, member["format"], `${path}.video.format`, VIDEO_FORMATS);
    const source = member["source"];
    const s3 = isObject(source) ? source["s3Location"] : undefined;
    if (isObject(s3)) {
      const uri = s3["uri"];
      if (checkRequired(out, uri, `${path}.${kind}.source.s3Location.uri`) && (typeof uri !== "string" || !S3_URI.test(uri))) {
        out.push(violation(uri, `${path}.${kind}.source.s3Location.uri`, `Member must satisfy regular expression pattern: ${S3_URI_PATTERN}`));
      }
      const owner = s3["bucketOwner"];
      if (owner !== undefined && (typeof owner !== "string" || !ACCOUNT_ID.test(owner))) {
        out.push(violation(owner, `${path}.${kind}.source.s3Location.bucketOwner`, "Member must satisfy regular expression pattern: [0-9]{12}"));
      }
    }
    const citations = member["citations"];
    if (kind === "document" && isObject(citations)) checkRequired(out, citations["enabled"], `${path}.document.citations.enabled`);
  }
}

/**
 * Bedrock's generic (Coral) checks on the Converse fields added in 2025–2026, phrased as Coral does
 * (1-based `.member` list paths): `serviceTier.type` and `performanceConfig.latency` in their
 * enums, `outputConfig.textFormat` with `type` `json_schema` and a `structure.jsonSchema.schema`,
 * at most 10 `additionalModelResponseFieldPaths` of 1–256 characters, cache points' `type` and
 * `ttl`, S3 sources' `uri` and `bucketOwner` patterns, video formats, `citations.enabled` present.
 */
export function optionViolations(body: JsonObject): string[] {
  const out: string[] = [];
  const tier = body["serviceTier"];
  if (isObject(tier) && checkRequired(out, tier["type"], "serviceTier.type")) checkEnum(out, tier["type"], "serviceTier.type", SERVICE_TIERS);
  const performance = body["performanceConfig"];
  if (isObject(performance)) checkEnum(out, performance["latency"], "performanceConfig.latency", LATENCIES);
  const output = body["outputConfig"];
  const format = isObject(output) ? output["textFormat"] : undefined;
  if (isObject(format)) {
    if (checkRequired(out, format["type"], "outputConfig.textFormat.type")) checkEnum(out, format["type"], "outputConfig.textFormat.type", ["json_schema"]);
    const structure = format["structure"];
    if (checkRequired(out, structure, "outputConfig.textFormat.structure") && isObject(structure)) {
      const schema = isObject(structure["jsonSchema"]) ? structure["jsonSchema"]["schema"] : undefined;
      checkRequired(out, schema, "outputConfig.textFormat.structure.jsonSchema.schema");
    }
  }
  const paths = body["additionalModelResponseFieldPaths"];
  if (Array.isArray(paths)) {
    if (paths.length > 10) out.push(violation(paths, "additionalModelResponseFieldPaths", "Member must have length less than or equal to 10"));
    paths.forEach((p, i) => {
      if (typeof p === "string" && (p.length < 1 || p.length > 256)) {
        out.push(violation(p, `additionalModelResponseFieldPaths.${i + 1}.member`, `Member must have length ${p.length < 1 ? "greater than or equal to 1" : "less than or equal to 256"}`));
      }
    });
  }
  const tools = isObject(body["toolConfig"]) ? objects(body["toolConfig"]["tools"]) : [];
  tools.forEach((tool, i) => checkBlock(out, tool, `toolConfig.tools.${i + 1}.member`));
  objects(body["system"]).forEach((block, i) => checkBlock(out, block, `system.${i + 1}.member`));
  messagesOf(body).forEach((message, m) =>
    blocksOf(message).forEach((block, b) => {
      const at = `messages.${m + 1}.member.content.${b + 1}.member`;
      checkBlock(out, block, at);
      const result = block["toolResult"];
      if (isObject(result)) objects(result["content"]).forEach((inner, k) => checkBlock(out, inner, `${at}.toolResult.content.${k + 1}.member`));
    }),
  );
  return out;
}

/**
 * The JSON schema of `outputConfig` parses as a JSON object, and each response field path is a
 * JSON Pointer (Bedrock answers 400 to an empty or malformed one). Returns the first problem's
 * message, or `undefined`.
 */
export function optionRuleError(body: JsonObject): string | undefined {
  const output = body["outputConfig"];
  const format = isObject(output) ? output["textFormat"] : undefined;
  const jsonSchema = isObject(format) && isObject(format["structure"]) ? format["structure"]["jsonSchema"] : undefined;
  if (isObject(jsonSchema) && typeof jsonSchema["schema"] === "string") {
    let schema: unknown;
    try {
      schema = JSON.parse(jsonSchema["schema"]);
    } catch {
      schema = undefined;
    }
    if (!isObject(schema)) return "The provided JSON schema in outputConfig.textFormat.structure.jsonSchema.schema is not a valid JSON object.";
  }
  const paths = body["additionalModelResponseFieldPaths"];
  if (Array.isArray(paths)) {
    for (const p of paths) {
      if (typeof p !== "string" || !/^\/([^~]|~[01])*$/.test(p)) return `The JSON Pointer ${JSON.stringify(p)} in additionalModelResponseFieldPaths is not valid.`;
    }
  }
  return undefined;
}
