import { BedrockError, type BedrockErrorOptions } from "@streambed/transport";

/**
 * The config file's lock could not be taken before the deadline: another writer (`streambed config
 * set`, `writeConfigFile`) holds it. `lockFile` is the lock (a folder beside the config file); a lock
 * whose holder stopped refreshing it (a crashed writer) is taken over by itself, so this means a
 * live writer, or a lock left on a file system where that cannot be seen in time.
 */
export class ConfigFileLockedError extends BedrockError {
  override name = "ConfigFileLockedError";
  /** The config file (the symlink's target, when the path is a link). */
  readonly file: string;
  /** The lock: `<file>.lock`. */
  readonly lockFile: string;
  constructor(message: string, options: BedrockErrorOptions & { file: string; lockFile: string }) {
    super(message, { code: "ConfigFileLocked", retryable: true, ...options });
    this.file = options.file;
    this.lockFile = options.lockFile;
  }
}

/**
 * The config file may not be written: its mode makes it read-only for this user, or replacing it
 * would change its owner or group. Nothing was written. `mode` holds the permission bits (`0o444`).
 */
export class ConfigFileNotWritableError extends BedrockError {
  override name = "ConfigFileNotWritableError";
  /** The config file (the symlink's target, when the path is a link). */
  readonly file: string;
  /** The file's permission bits, e.g. `0o444`. */
  readonly mode: number;
  constructor(message: string, options: BedrockErrorOptions & { file: string; mode: number }) {
    super(message, { code: "ConfigFileNotWritable", retryable: false, ...options });
    this.file = options.file;
    this.mode = options.mode;
  }
}
