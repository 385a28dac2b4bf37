/**
 * Token counts and their cost, as Bedrock reported them, or {@link UnknownUsage} when it reported
 * none (a stream without its `metadata` event, a Converse reply without `usage`). Narrow on
 * `known`: `if (usage.known === false)` there are no counts — never read that as zero tokens or
 * a free call.
 */
export type Usage = ReportedUsage | UnknownUsage;

/** Token counts of one call and their cost in US dollars (from the model's `cost`). */
export interface ReportedUsage {
  /** Absent or `true`: Bedrock reported these counts. */
  known?: true;
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
  totalTokens: number;
  /**
   * `cacheWrite` split by cache-point ttl, when Bedrock said (`usage.cacheDetails`): 1-hour writes
   * cost more than 5-minute ones (Claude: 2× the input price instead of 1.25×).
   */
  cacheWriteByTtl?: { "5m": number; "1h": number };
  cost: { input: number; output: number; cacheRead: number; cacheWrite: number; total: number };
}

/**
 * Bedrock reported no usage for the call: how many tokens it used, and what it cost, is not
 * known (not zero). Every count is absent.
 */
export interface UnknownUsage {
  known: false;
  input?: undefined;
  output?: undefined;
  cacheRead?: undefined;
  cacheWrite?: undefined;
  totalTokens?: undefined;
  cost?: undefined;
}
