import type { TokenCounts } from "../chat/usage.js";
import type { GatewayKey } from "../keys/gateway-key.js";
import type { RateLimiter } from "../limits/rate-limiter.js";
import type { AccessLogEntry, GatewayMetrics } from "../metrics/gateway-metrics.js";

/** What a finished call reports to: metrics, the access log, the limiter's token count. */
export interface CallSinks {
  metrics: GatewayMetrics;
  limiter: RateLimiter;
  log: ((entry: AccessLogEntry) => void) | undefined;
  now: () => number;
  /** Called when a limiter write fails (it never fails the answer). */
  onInternalError: (error: unknown) => void;
}

/**
 * One request's record, from arrival to its last byte: who (key), what (model, stream), when the
 * first token came, the tokens used and the error, if any. `finish` reports it once — when the JSON
 * answer is sent, or when a stream ends (completed, failed, or cut by the client).
 */
export class CallTracker {
  key: GatewayKey | undefined;
  model: string | undefined;
  stream = false;
  /** Set while a stream body is being sent: its end finishes the call, not the handler's return. */
  streaming = false;
  counts: TokenCounts | undefined;
  errorCode: string | undefined;
  private firstTokenAt: number | undefined;
  private finished = false;
  readonly started: number;

  constructor(
    private readonly sinks: CallSinks,
    private readonly method: string,
    private readonly path: string,
  ) {
    this.started = sinks.now();
  }

  /** The answer is streamed from now on: its body's end finishes the call (and it counts as an active stream until then). */
  startStream(): void {
    this.streaming = true;
    this.sinks.metrics.activeStreams(1);
  }

  /** Marks the first token (text, reasoning or tool call) of the answer; later calls do nothing. */
  firstToken(): void {
    if (this.firstTokenAt !== undefined) return;
    this.firstTokenAt = this.sinks.now();
    if (this.model !== undefined) this.sinks.metrics.timeToFirstToken(this.model, (this.firstTokenAt - this.started) / 1000);
  }

  /** Records the answer's usage (counted against the key's tokens per minute at `finish`). */
  used(counts: TokenCounts | undefined): void {
    this.counts = counts;
  }

  /** Reports the call once: metrics, usage, the key's tokens, the access log line. */
  finish(status: number): void {
    if (this.finished) return;
    this.finished = true;
    const end = this.sinks.now();
    const { metrics, limiter, log } = this.sinks;
    if (this.streaming) metrics.activeStreams(-1);
    metrics.request(this.path, status, (end - this.started) / 1000);
    if (this.errorCode !== undefined) metrics.error(this.errorCode);
    const counts = this.counts;
    if (counts && this.key && this.model !== undefined) {
      metrics.usage(this.key.name, this.model, counts);
      const tokens = counts.input + counts.output + counts.cacheRead + counts.cacheWrite;
      if (this.key.tpm !== undefined) limiter.record(this.key, tokens).catch(this.sinks.onInternalError);
    }
    if (!log) return;
    const entry: AccessLogEntry = { time: new Date(this.started).toISOString(), method: this.method, path: this.path, status, ms: end - this.started };
    if (this.key) {
      entry.key = this.key.name;
      entry.keyId = this.key.id;
    }
    if (this.model !== undefined) entry.model = this.model;
    if (this.model !== undefined) entry.stream = this.stream;
    if (this.firstTokenAt !== undefined) entry.ttftMs = this.firstTokenAt - this.started;
    if (counts) {
      entry.inputTokens = counts.input;
      entry.outputTokens = counts.output;
      entry.cacheReadTokens = counts.cacheRead;
      entry.cacheWriteTokens = counts.cacheWrite;
      entry.cost = counts.cost;
    }
    if (this.errorCode !== undefined) entry.error = this.errorCode;
    log(entry);
  }
}
