import type { Credentials } from "../types/credentials.js";

/**
 * One step of a credential chain. `load()` resolves to the credentials, or to `undefined` when the
 * source is simply not present (nothing configured); it throws a `CredentialsError` when the
 * source is present but broken (e.g. `AWS_ACCESS_KEY_ID` without a secret).
 */
export interface CredentialSourceProvider {
  /** Where credentials come from, in streambed's words (`env: AWS_ACCESS_KEY_ID`, `profile: dev`, …). Read after `load()`. */
  label: string;
  /**
   * `signal` is aborted when nobody waits for this load any more (every call that wanted the
   * credentials was aborted or ran out of time): stop the work then — abort the HTTP request,
   * kill the process. Resolving or rejecting after that is harmless.
   */
  load(options?: { signal?: AbortSignal }): Promise<Credentials | undefined>;
  /** Why the last `load()` resolved to `undefined`, for the `tried` list (e.g. "not set"). */
  absent?: string;
  /** Forget anything cached below the chain (called by `CredentialChain.invalidate()`). */
  invalidate?(): void;
}
