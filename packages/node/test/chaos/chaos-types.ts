/** What a chaos run is given and reports: options, violations and the checks they break, the report. */
export type TransportName = "undici" | "fetch";

/** The checks a violation can break. */
export type Check = "untyped" | "unexpected" | "hang" | "unhandled" | "leak" | "secret" | "lost-update" | "warning" | "non-loopback";

export interface Violation {
  iteration: number;
  kind: string;
  transport: TransportName | "-";
  behaviour: string;
  check: Check;
  detail: string;
}

export interface ChaosOptions {
  seed: number;
  iterations: number;
  /** First iteration number (a replay of one iteration: `from: i, iterations: 1`). Default 0. */
  from?: number;
  /** Stop starting iterations after this long, and report what ran. */
  budgetSeconds?: number;
  transports?: readonly TransportName[];
  /** Only kinds whose name contains one of these (case-insensitive). */
  kinds?: readonly string[];
  /** Added to every deadline before a call counts as hung (a loaded machine). Default 8000 ms. */
  slackMs?: number;
  /** How long handles, processes and in-flight requests get to go away after an iteration. Default 3000 ms. */
  graceMs?: number;
  /** Loopback-guard attempts so far (when the guard is loaded), to check nothing left loopback. */
  guardAttempts?: () => number;
  /** A line of progress. */
  log?: (line: string) => void;
}

export interface ChaosReport {
  seed: number;
  from: number;
  ran: number;
  planned: number;
  stoppedEarly: boolean;
  ms: number;
  /** kind → outcome → count (one per call, or per writer of a config race). */
  table: Map<string, Map<string, number>>;
  /** kind → iterations that drew it. */
  iterationsByKind: Map<string, number>;
  /** category → count; transport → count; behaviour → count. */
  categories: Record<string, number>;
  transports: Record<string, number>;
  behaviours: Record<string, number>;
  violations: Violation[];
  /** The longest call relative to its deadline: elapsed − deadline, ms. */
  worstOverrunMs: number;
  cliAvailable: boolean;
}
