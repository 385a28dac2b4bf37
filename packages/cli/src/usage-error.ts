import { BedrockError } from "streambed";

/**
 * A command was called wrongly (no prompt, a value the config refuses, a malformed path): exit
 * code 2, nothing was changed. Only command modules import this (they load the client anyway);
 * the entry point recognises it by name.
 */
export class UsageError extends BedrockError {
  override name = "UsageError";
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { code: "UsageError", retryable: false, ...options });
  }
}
