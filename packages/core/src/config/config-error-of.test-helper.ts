import { expect } from "vitest";
import { ConfigError } from "../errors/client-errors.js";

/** Test support: runs `fn`, asserts it throws a ConfigError, returns it. */
export function configErrorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error("expected a ConfigError");
}
