import { ValidationError } from "../errors/service-errors.js";
import type { StreamRequest } from "../types/index.js";

/**
 * The fields streambed adds to a request on its own, which a model may refuse: cache points it
 * placed for `cache: "short" | "long"`, `thinking.display` (Claude's adaptive thinking) and a tool
 * result's `status` (how it says `isError`). See docs/request-mapping.md, "Repair".
 */
export type AddedFieldKind = "cachePoint" | "thinking.display" | "toolResult.status";

/** What Bedrock's rejection names: a JSON pointer into the request and the key it refused there. */
export interface RejectedField {
  pointer: string;
  key: string;
  kind: AddedFieldKind;
}

// Bedrock's shape for a field the model's schema refuses (recorded: NousResearch/hermes-agent #97281,
// danny-avila/LibreChat #13838): "Malformed input request: #/toolConfig/tools/18: extraneous key [cachePoint] is not permitted, …"
const EXTRANEOUS = /#(\/[^\s:]*)?:\s*extraneous key \[([^\]]+)\] is not permitted/;

/** The field a ValidationError names as refused, when it is one streambed may add itself. */
export function rejectedFieldOf(error: unknown): RejectedField | undefined {
  if (!(error instanceof ValidationError)) return undefined;
  const m = EXTRANEOUS.exec(error.serviceMessage ?? error.message);
  if (!m) return undefined;
  const pointer = m[1] ?? "";
  const key = m[2]!;
  if (key === "cachePoint") return { pointer, key, kind: "cachePoint" };
  if (key === "display" && /\/thinking$/.test(pointer)) return { pointer, key, kind: "thinking.display" };
  if (key === "status" && /\/toolResult$/.test(pointer)) return { pointer, key, kind: "toolResult.status" };
  return undefined;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === "object" && !Array.isArray(v);
const isCachePoint = (v: unknown): boolean => isObject(v) && v["type"] === "cachePoint";

/** The caller placed cache points (or forced caching): the body's cache points are theirs, never dropped. */
function callerCaches(request: StreamRequest): boolean {
  if (request.forceCache === true) return true;
  const r = request as { system?: unknown; tools?: unknown; messages?: unknown };
  if (Array.isArray(r.system) && r.system.some(isCachePoint)) return true;
  if (Array.isArray(r.tools) && r.tools.some(isCachePoint)) return true;
  return Array.isArray(r.messages) && r.messages.some((m) => isObject(m) && Array.isArray(m["content"]) && (m["content"] as unknown[]).some(isCachePoint));
}

/** Whether streambed added the field of `kind` to this request (and so may take it out again). */
export function addedByStreambed(kind: AddedFieldKind, request: StreamRequest): boolean {
  if (kind === "cachePoint") return !callerCaches(request);
  if (kind === "thinking.display") return !isObject(request.additionalModelRequestFields?.["thinking"]);
  return true; // status comes from isError; without it the error is still said, in text
}

function withoutCachePoints(list: unknown): unknown {
  return Array.isArray(list) ? list.filter((b) => !(isObject(b) && "cachePoint" in b)) : list;
}

/**
 * Take the streambed-added fields of `kind` out of a built Converse `body` (changed in place):
 * every cache point (streambed placed them all); `thinking.display`; every error tool result's
 * `status`, whose meaning is then said as a first text block ("The tool reported an error:"), as
 * for models that take no status. Returns whether anything was taken out.
 */
export function removeAddedField(body: Json, kind: AddedFieldKind): boolean {
  let changed = false;
  if (kind === "cachePoint") {
    const before = JSON.stringify(body).length;
    const tools = body["toolConfig"];
    if (isObject(tools)) tools["tools"] = withoutCachePoints(tools["tools"]);
    if (body["system"] !== undefined) body["system"] = withoutCachePoints(body["system"]);
    if (Array.isArray(body["messages"])) for (const m of body["messages"]) if (isObject(m)) m["content"] = withoutCachePoints(m["content"]);
    changed = JSON.stringify(body).length !== before;
  } else if (kind === "thinking.display") {
    const fields = body["additionalModelRequestFields"];
    const thinking = isObject(fields) ? fields["thinking"] : undefined;
    if (isObject(thinking) && "display" in thinking) {
      delete thinking["display"];
      changed = true;
    }
  } else if (Array.isArray(body["messages"])) {
    for (const m of body["messages"]) {
      if (!isObject(m) || !Array.isArray(m["content"])) continue;
      for (const block of m["content"]) {
        const result = isObject(block) ? block["toolResult"] : undefined;
        if (!isObject(result) || result["status"] === undefined) continue;
        if (result["status"] === "error") result["content"] = [{ text: "The tool reported an error:" }, ...(Array.isArray(result["content"]) ? result["content"] : [])];
        delete result["status"];
        changed = true;
      }
    }
  }
  return changed;
}

/** Before sending: take out the added fields a model refused earlier (learned), where streambed added them. Returns the kinds taken out. */
export function omitRefusedFields(body: Json, request: StreamRequest, refused: Iterable<string>): AddedFieldKind[] {
  const done: AddedFieldKind[] = [];
  for (const kind of refused) {
    if (kind !== "cachePoint" && kind !== "thinking.display" && kind !== "toolResult.status") continue;
    if (addedByStreambed(kind, request) && removeAddedField(body, kind)) done.push(kind);
  }
  return done;
}
