/**
 * What the chaos run checks after every iteration, as small pieces it (and checks.test.ts) can use:
 * secrets in any text a user could see, handles left in the event loop, unhandled rejections and
 * uncaught exceptions, and everything the process wrote to stdout/stderr meanwhile.
 */
import { secretEncodings } from "@streambed/core";

/** The length of a secret's piece that must not survive (the redactor's promise, see createSecretRedactor). */
const PIECE = 8;

/** Whether an 8-character piece mixes two of upper case, lower case and digits (the pieces the redactor removes). */
function distinctive(piece: string): boolean {
  return (/[A-Z]/.test(piece) ? 1 : 0) + (/[a-z]/.test(piece) ? 1 : 0) + (/[0-9]/.test(piece) ? 1 : 0) >= 2;
}

/** Every way a secret may be written that the scan looks for: core's encodings, plus the plain forms written here (not trusting the code under test alone). */
function formsOf(value: string): string[] {
  const forms = new Set(secretEncodings(value));
  forms.add(value);
  forms.add(JSON.stringify(value).slice(1, -1));
  forms.add(value.replace(/\//g, "\\/"));
  forms.add(encodeURIComponent(value));
  for (let shift = 0; shift < 3; shift++) {
    const b64 = Buffer.from("\0".repeat(shift) + value).toString("base64");
    forms.add(b64.slice(Math.ceil((shift * 4) / 3), -4));
  }
  return [...forms].filter((f) => f.length >= PIECE);
}

/** A secret found in a text: which one, where, and how (whole or as a piece). */
export interface SecretLeak {
  secret: string;
  where: string;
  how: "whole" | "piece";
  excerpt: string;
}

/** Looks for known secret values in text: whole in any encoding, or any distinctive 8-character piece of one. */
export interface SecretScanner {
  scan(where: string, text: string): SecretLeak[];
}

export function secretScanner(secrets: Record<string, string>): SecretScanner {
  const wholes: Array<{ name: string; form: string }> = [];
  const pieces = new Map<string, string>();
  for (const [name, value] of Object.entries(secrets)) {
    for (const form of formsOf(value)) {
      wholes.push({ name, form });
      for (let i = 0; i + PIECE <= form.length; i++) {
        const piece = form.slice(i, i + PIECE);
        if (distinctive(piece)) pieces.set(piece, name);
      }
    }
  }
  const excerpt = (text: string, at: number) => JSON.stringify(text.slice(Math.max(0, at - 30), at + 40));
  return {
    scan(where, text) {
      const leaks: SecretLeak[] = [];
      const named = new Set<string>();
      for (const { name, form } of wholes) {
        const at = text.indexOf(form);
        if (at >= 0 && !named.has(name)) {
          named.add(name);
          leaks.push({ secret: name, where, how: "whole", excerpt: excerpt(text, at) });
        }
      }
      // A SigV4 signature (per request, so no value to look for): by its shape.
      const signature = /Signature(?:=|%3D|\\u003d|":\s*")([0-9a-f]{64})/i.exec(text);
      if (signature) leaks.push({ secret: "a SigV4 signature", where, how: "whole", excerpt: excerpt(text, signature.index) });
      for (let i = 0; i + PIECE <= text.length; i++) {
        const name = pieces.get(text.slice(i, i + PIECE));
        if (name !== undefined && !named.has(name)) {
          named.add(name);
          leaks.push({ secret: name, where, how: "piece", excerpt: excerpt(text, i) });
        }
      }
      return leaks;
    },
  };
}

/** Counts of `process.getActiveResourcesInfo()` by kind (what keeps the event loop alive). */
export function handleCounts(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) if (kind !== "Immediate") counts[kind] = (counts[kind] ?? 0) + 1;
  return counts;
}

/** Kinds with more handles now than in `baseline`, as `"TCPSocketWrap 4 > 2"`. */
export function handlesAbove(baseline: Record<string, number>, now: Record<string, number> = handleCounts()): string[] {
  return Object.entries(now)
    .filter(([kind, n]) => n > (baseline[kind] ?? 0))
    .map(([kind, n]) => `${kind} ${n} > ${baseline[kind] ?? 0}`);
}

/** Waits up to `graceMs` for the handles to come back to `baseline`; what is still above it then. */
export async function handlesBackTo(baseline: Record<string, number>, graceMs: number): Promise<string[]> {
  const until = Date.now() + graceMs;
  for (;;) {
    await new Promise((resolve) => setImmediate(resolve));
    const above = handlesAbove(baseline);
    if (above.length === 0 || Date.now() >= until) return above;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** What the process reported meanwhile: unhandled rejections, uncaught exceptions, warnings. */
export interface ProcessEvents {
  unhandled: string[];
  uncaught: string[];
  warnings: string[];
}

/**
 * Listens for unhandled rejections, uncaught exceptions (the process keeps running so the run can
 * report them) and warnings; `take()` returns and clears what came since the last call.
 */
export function watchProcess(): { take(): ProcessEvents; stop(): void } {
  let events: ProcessEvents = { unhandled: [], uncaught: [], warnings: [] };
  const describe = (e: unknown) => (e instanceof Error ? `${e.name}: ${e.message}`.slice(0, 300) : String(e).slice(0, 300));
  const onUnhandled = (reason: unknown) => void events.unhandled.push(describe(reason));
  const onUncaught = (error: unknown) => void events.uncaught.push(describe(error));
  const onWarning = (warning: Error) => void events.warnings.push(describe(warning));
  process.on("unhandledRejection", onUnhandled);
  process.on("uncaughtException", onUncaught);
  process.on("warning", onWarning);
  return {
    take() {
      const taken = events;
      events = { unhandled: [], uncaught: [], warnings: [] };
      return taken;
    },
    stop() {
      process.off("unhandledRejection", onUnhandled);
      process.off("uncaughtException", onUncaught);
      process.off("warning", onWarning);
    },
  };
}

/**
 * Captures what anything writes to process.stdout / process.stderr (the client's default debug
 * sink, warnings, stray logs) until `stop()`, which restores them and returns the text. `print`
 * writes to the real stdout meanwhile.
 */
export function captureOutput(): { stop(): string; print(line: string): void } {
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  let text = "";
  const grab = (chunk: unknown, ...rest: unknown[]) => {
    text += typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString("utf8");
    const callback = rest.find((r) => typeof r === "function") as (() => void) | undefined;
    callback?.();
    return true;
  };
  process.stdout.write = grab as typeof process.stdout.write;
  process.stderr.write = grab as typeof process.stderr.write;
  return {
    print: (line) => void out(`${line}\n`),
    stop() {
      process.stdout.write = out;
      process.stderr.write = err;
      return text;
    },
  };
}
