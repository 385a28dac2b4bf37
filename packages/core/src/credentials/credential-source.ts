import type { Credentials } from "../types/credentials.js";

/**
 * One step of a credential chain. `load()` resolves to the credentials, or to `undefined` when the
 * source is simply not present (nothing configured); it throws a `CredentialsError` when the
 * source is present but broken (e.g. `AWS_ACCESS_KEY_ID` without a secret).
 */
export interface CredentialSourceProvider {
  /** Where credentials come from, in streambed's words (`env: AWS_ACCESS_KEY_ID`, `profile: dev`, …). Read after `load()`. */
  label: string;
  load(): Promise<Credentials | undefined>;
  /** Why the last `load()` resolved to `undefined`, for the `tried` list (e.g. "not set"). */
  absent?: string;
  /** Forget anything cached below the chain (called by `CredentialChain.invalidate()`). */
  invalidate?(): void;
}
