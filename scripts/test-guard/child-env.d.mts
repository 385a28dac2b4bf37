/** Types for ./child-env.mjs (plain JS so that `node --import` and vitest load it as is). */
type Env = Record<string, string | undefined>;

/** The guard module, for `node --import`. */
export declare const LOOPBACK_GUARD: string;
/** The directory holding the Python guard (`sitecustomize.py`). */
export declare const PYTHON_GUARD_DIR: string;
/** Removes, in place, inherited credential sources that can only be reached off loopback. */
export declare function scrubInheritedCredentialSources<E extends Env>(env: E): E;
/** `env` plus `NODE_OPTIONS=--import <guard>`, the refused credential endpoints and the guard's log (with `python`: `PYTHONPATH` and `AWS_EC2_METADATA_DISABLED=true`). */
export declare function guardedChildEnv<E extends Env>(env?: E, options?: { python?: boolean }): E & Record<string, string>;
/** A `PYTHONPATH` value with the Python guard's directory first. */
export declare function withPythonGuard(pythonPath?: string): string;
/** Makes every child process this process starts load the guard (NODE_OPTIONS / PYTHONPATH), even one given its own env. Idempotent. */
export declare function guardChildProcesses(): void;
