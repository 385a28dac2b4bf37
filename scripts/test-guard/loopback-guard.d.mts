/** Types for ./loopback-guard.mjs (importing it installs the guard in this process). */
export interface LoopbackGuardAttempt {
  what: string;
  target: string;
  message: string;
  stack: string;
  pid: number;
  /** Marked by acknowledgeLoopbackGuardAttempts. */
  expected?: boolean;
}
/** `http://127.0.0.1:9`: where unset credential endpoints point under the guard. */
export declare const REFUSED_ENDPOINT: string;
/** `ERR_STREAMBED_NON_LOOPBACK`. */
export declare const GUARD_ERROR_CODE: "ERR_STREAMBED_NON_LOOPBACK";
export declare const NEUTRALISED_ENDPOINT_VARS: readonly string[];
export declare function isLoopbackAddress(address: string): boolean;
export declare function isLoopbackHost(host: string): boolean;
/** Every refused attempt in this process so far. */
export declare function loopbackGuardAttempts(): readonly LoopbackGuardAttempt[];
export declare function neutraliseCredentialEndpoints<E extends Record<string, string | undefined>>(env?: E): E;
/** For the guard's own tests only: marks the attempts whose target contains `target` as deliberate (still refused, not failed). */
export declare function acknowledgeLoopbackGuardAttempts(target: string): readonly LoopbackGuardAttempt[];
/** Whether each refusal is also written to stderr (default on; off in vitest workers, where the failing test reports it). */
export declare function reportLoopbackGuardAttemptsOnStderr(on: boolean): void;
