/** Anthropic's own reply fields for a stop: what `additionalModelResponseFieldPaths` point into. */
function anthropicNative(stopReason: string, stopSequence: string | null, streaming: boolean): Record<string, unknown> {
  const stop = { stop_reason: stopReason, stop_sequence: stopSequence };
  // ConverseStream points into the model's `message_delta` event ({ delta: { stop_reason, stop_sequence } }),
  // Converse into its message ({ stop_reason, stop_sequence, … }).
  return streaming ? { type: "message_delta", delta: stop } : { type: "message", role: "assistant", ...stop };
}

function pick(source: unknown, pointer: string): { found: boolean; value?: unknown } {
  if (!pointer.startsWith("/")) return { found: false };
  let node = source;
  for (const raw of pointer.slice(1).split("/")) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (typeof node !== "object" || node === null || !(key in node)) return { found: false };
    node = (node as Record<string, unknown>)[key];
  }
  return { found: true, value: node };
}

function put(target: Record<string, unknown>, pointer: string, value: unknown): void {
  const keys = pointer.slice(1).split("/").map((k) => k.replace(/~1/g, "/").replace(/~0/g, "~"));
  let node = target;
  for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
  node[keys.at(-1)!] = value;
}

/**
 * `additionalModelResponseFields` for a Claude reply: the fields the request's
 * `additionalModelResponseFieldPaths` (JSON pointers) name in Anthropic's native reply, nested as
 * there (`/stop_sequence` → `{ stop_sequence }` on Converse, `/delta/stop_sequence` → `{ delta: {
 * stop_sequence } }` on ConverseStream). `undefined` when no path names an existing field.
 */
export function additionalModelResponseFields(
  paths: string[],
  stop: { stopReason: string; stopSequence: string | null; streaming: boolean },
): Record<string, unknown> | undefined {
  const native = anthropicNative(stop.stopReason, stop.stopSequence, stop.streaming);
  const out: Record<string, unknown> = {};
  let any = false;
  for (const path of paths) {
    const hit = pick(native, path);
    if (!hit.found) continue;
    put(out, path, hit.value);
    any = true;
  }
  return any ? out : undefined;
}
