/**
 * One chaos caller: the call it makes (stream, complete or a model listing), what it does meanwhile
 * (drain, abort at a random point, break early, stop pulling …), and the watchdog that declares it
 * hung when it outlives its deadline plus the run's slack.
 */
import { BedrockError, type StreamEvent } from "@streambed/core";
import type { createBedrock } from "../../src/create-bedrock.js";
import { ask } from "../faults/harness.js";
import type { Api, CallPlan } from "./call-faults.js";
import type { Check } from "./chaos-types.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves to `"ok"`, or `"timeout"` when `promise` did not settle within `ms`. */
export async function within(promise: Promise<unknown>, ms: number): Promise<"ok" | "timeout"> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const result = await Promise.race([
    promise.then(
      () => "ok" as const,
      () => "ok" as const,
    ),
    new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), ms))),
  ]);
  clearTimeout(timer);
  return result;
}

/** The caller's behaviour for one call. */
export type Behaviour =
  | { name: "drain" }
  | { name: "complete" }
  | { name: "listing" }
  | { name: "pre-aborted" }
  | { name: "abort-at"; ms: number }
  | { name: "abort-after-events"; events: number }
  | { name: "break"; events: number }
  | { name: "stop-pulling"; events: number; pullMs: number; pauseMs: number };

/** The call (stream, complete or a model listing) and what the caller does meanwhile. */
export function drawBehaviour(random: () => number, apis: readonly Api[]): { api: Api | "listing"; behaviour: Behaviour } {
  const r = random();
  if (!apis.includes("stream") || (apis.includes("complete") && r < 0.2)) {
    const c = random();
    return { api: "complete", behaviour: c < 0.8 ? { name: "complete" } : c < 0.95 ? { name: "abort-at", ms: Math.floor(random() * 500) } : { name: "pre-aborted" } };
  }
  if (r < 0.27) return { api: "listing", behaviour: { name: "listing" } };
  if (r < 0.6) return { api: "stream", behaviour: { name: "drain" } };
  if (r < 0.7) return { api: "stream", behaviour: { name: "abort-at", ms: Math.floor(random() * 600) } };
  if (r < 0.78) return { api: "stream", behaviour: { name: "abort-after-events", events: 1 + Math.floor(random() * 6) } };
  if (r < 0.88) return { api: "stream", behaviour: { name: "break", events: 1 + Math.floor(random() * 6) } };
  if (r < 0.98) {
    const pullMs = 100 + Math.floor(random() * 200);
    return { api: "stream", behaviour: { name: "stop-pulling", events: 1 + Math.floor(random() * 4), pullMs, pauseMs: Math.floor(pullMs * (2 + random() * 2)) } };
  }
  return { api: "stream", behaviour: { name: "pre-aborted" } };
}

/** What the caller got: an outcome name, the error if any. */
interface CallOutcome {
  outcome: string;
  error?: unknown;
  texts: unknown[];
}

async function callWith(bedrock: ReturnType<typeof createBedrock>, plan: CallPlan, api: Api | "listing", behaviour: Behaviour, signal: AbortSignal, abort: () => void): Promise<CallOutcome> {
  const request = ask(plan.model, "chaos: tell me about the weather on the wire", { signal });
  const nameOf = (error: unknown) => (error instanceof BedrockError ? error.name : `untyped:${(error as Error)?.name ?? typeof error}`);
  if (api === "listing") {
    const listing = await bedrock.models.listing({ refresh: true, signal }).then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
    if ("error" in listing) return { outcome: `listing threw ${nameOf(listing.error)}`, error: listing.error, texts: [] };
    return { outcome: "listing", texts: [listing.value] };
  }
  if (api === "complete") {
    return bedrock.complete(request).then(
      (message) => ({ outcome: "complete", texts: [message] }),
      (error: unknown) => ({ outcome: nameOf(error), error, texts: [] }),
    );
  }
  const events: StreamEvent[] = [];
  const stream = bedrock.stream(request);
  try {
    for (;;) {
      const next = await stream.next();
      if (next.done) break;
      events.push(next.value);
      if (behaviour.name === "abort-after-events" && events.length === behaviour.events) abort();
      if (behaviour.name === "break" && events.length === behaviour.events) {
        await stream.return(undefined);
        return { outcome: "break", texts: [] };
      }
      if (behaviour.name === "stop-pulling" && events.length === behaviour.events) await sleep(behaviour.pauseMs);
    }
    return { outcome: events.at(-1)?.type === "done" ? "done" : `ended without done (${events.length} events)`, texts: [] };
  } catch (error) {
    return { outcome: nameOf(error), error, texts: [] };
  }
}

/** One call of an iteration: what it does, what it may end in, by when. */
export interface PlannedCall {
  api: Api | "listing";
  behaviour: Behaviour;
  allowed: Set<string>;
  deadlineMs: number;
  controller: AbortController;
  label: string;
}

/** One call run to its outcome (or declared hung), its timers cleared. */
export async function runCall(slackMs: number, bedrock: ReturnType<typeof createBedrock>, plan: CallPlan, call: PlannedCall, violations: Array<{ check: Check; detail: string }>, prefix: string, limit: string) {
  const { behaviour, controller } = call;
  const started = performance.now();
  const abortTimer = behaviour.name === "abort-at" ? setTimeout(() => controller.abort(), behaviour.ms) : undefined;
  const running = callWith(bedrock, plan, call.api, behaviour, controller.signal, () => controller.abort());
  let watchdog: ReturnType<typeof setTimeout> | undefined;
  const hung = new Promise<"hung">((resolve) => (watchdog = setTimeout(() => resolve("hung"), call.deadlineMs + slackMs)));
  let result = await Promise.race([running, hung]);
  clearTimeout(watchdog);
  const elapsed = performance.now() - started;
  if (result === "hung") {
    violations.push({ check: "hang", detail: `${prefix}no outcome after ${Math.round(elapsed)} ms (deadline ${call.deadlineMs} ms + ${slackMs} ms slack${limit}); aborting it` });
    controller.abort();
    result = (await within(running, 5_000)) === "timeout" ? { outcome: "hung (abort did not end it)", texts: [] } : await running;
  } else if (elapsed - call.deadlineMs > slackMs) {
    violations.push({ check: "hang", detail: `${prefix}took ${Math.round(elapsed)} ms, deadline ${call.deadlineMs} ms + ${slackMs} ms slack${limit}` });
  }
  clearTimeout(abortTimer);
  return { outcome: result, overrunMs: elapsed - call.deadlineMs };
}
