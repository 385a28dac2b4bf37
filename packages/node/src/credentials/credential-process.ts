import type { AwsCredentials } from "@streambed/core";
import type { ProfileData } from "./shared-config-files.js";

/** The most a credential_process may print (as the AWS SDK's `exec`: 1 MiB). */
const MAX_OUTPUT_BYTES = 1024 * 1024;

/**
 * Whether the AWS SDK would take this profile's credentials from its `credential_process`: it has
 * one, and no assume-role (`role_arn` + `source_profile`/`credential_source`), static keys or web
 * identity settings, which come first in the SDK's order.
 */
export function usesCredentialProcess(profile: ProfileData): boolean {
  if (typeof profile.credential_process !== "string" || !profile.credential_process.trim()) return false;
  if (profile.role_arn && (profile.source_profile || profile.credential_source)) return false;
  if (profile.aws_access_key_id && profile.aws_secret_access_key) return false;
  if (profile.web_identity_token_file && profile.role_arn) return false;
  return true;
}

/**
 * Splits a `credential_process` command line into words as the AWS CLI does (POSIX shell quoting:
 * `'…'`, `"…"` with `\"`/`\\` escapes, backslash outside quotes; no variable or `~` expansion, no
 * pipes). The program is run directly, not through a shell, so aborting the call kills it.
 */
export function splitCommandLine(line: string): string[] {
  const words: string[] = [];
  let word = "";
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new Error("credential_process has an unterminated ' quote");
      word += line.slice(i + 1, end);
      inWord = true;
      i = end;
    } else if (c === '"') {
      inWord = true;
      for (i++; ; i++) {
        if (i >= line.length) throw new Error('credential_process has an unterminated " quote');
        const d = line[i]!;
        if (d === '"') break;
        if (d === "\\" && i + 1 < line.length && '"\\$`\n'.includes(line[i + 1]!)) word += line[++i];
        else word += d;
      }
    } else if (c === "\\" && i + 1 < line.length) {
      word += line[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = "";
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}

/**
 * Runs a profile's `credential_process` and reads the credentials it prints (Version 1 JSON:
 * AccessKeyId, SecretAccessKey, optional SessionToken and Expiration). When `signal`
 * aborts, the process is killed (SIGKILL) and the promise rejects. Errors name the program, never
 * its arguments or its output (either may hold a secret).
 */
export function runCredentialProcess(
  commandLine: string,
  options: { profile: string; signal?: AbortSignal },
): Promise<AwsCredentials> {
  const windows = process.platform === "win32";
  const argv = windows ? [commandLine] : splitCommandLine(commandLine);
  const program = windows ? (commandLine.trim().split(/\s+/)[0] ?? "") : (argv[0] ?? "");
  if (!program) return Promise.reject(new Error(`Profile ${options.profile} has an empty credential_process`));
  return new Promise<AwsCredentials>((resolve, reject) => {
    if (options.signal?.aborted) return reject(abortError(program));
    // Windows runs the line through cmd.exe (batch files need it); elsewhere the program itself runs.
    // node:child_process is loaded here, not at import: only a credential_process profile needs it.
    const { spawn } = process.getBuiltinModule("node:child_process");
    const child = windows
      ? spawn(commandLine, { shell: true, stdio: ["ignore", "pipe", "pipe"], windowsHide: true })
      : spawn(program, argv.slice(1), { stdio: ["ignore", "pipe", "pipe"] });
    const chunks: Buffer[] = [];
    let size = 0;
    let failed: Error | undefined;
    const kill = (error: Error) => {
      failed ??= error;
      child.kill("SIGKILL");
    };
    const onAbort = () => kill(abortError(program));
    options.signal?.addEventListener("abort", onAbort, { once: true });
    child.stdout.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_OUTPUT_BYTES) return kill(new Error(`credential_process ${program} printed more than ${MAX_OUTPUT_BYTES} bytes`));
      chunks.push(chunk);
    });
    child.stderr.resume(); // read and dropped: it may carry secrets
    child.on("error", (error: NodeJS.ErrnoException) => {
      failed ??= new Error(`credential_process ${program} could not be started (${error.code ?? error.name})`);
    });
    child.on("close", (code, signal) => {
      options.signal?.removeEventListener("abort", onAbort);
      if (failed) return reject(failed);
      if (code !== 0) return reject(new Error(`credential_process ${program} failed (${code === null ? `killed by ${signal}` : `exit code ${code}`})`));
      try {
        resolve(parseProcessOutput(Buffer.concat(chunks).toString("utf8"), options));
      } catch (error) {
        reject(error);
      }
    });
  });
}

/**
 * The credentials in a credential_process's output, validated as the AWS SDK does, except that
 * expired ones are returned with their `expiration` for the chain to refuse with a typed error.
 */
export function parseProcessOutput(stdout: string, options: { profile: string }): AwsCredentials {
  const { profile } = options;
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(stdout.trim()) as Record<string, unknown>;
  } catch {
    throw new Error(`Profile ${profile} credential_process returned invalid JSON.`);
  }
  if (data === null || typeof data !== "object") throw new Error(`Profile ${profile} credential_process returned invalid JSON.`);
  if (data.Version !== 1) throw new Error(`Profile ${profile} credential_process did not return Version 1.`);
  if (typeof data.AccessKeyId !== "string" || typeof data.SecretAccessKey !== "string") {
    throw new Error(`Profile ${profile} credential_process returned invalid credentials.`);
  }
  let expiration: Date | undefined;
  if (data.Expiration !== undefined && data.Expiration !== null && data.Expiration !== "") {
    expiration = new Date(String(data.Expiration));
    if (Number.isNaN(expiration.getTime())) throw new Error(`Profile ${profile} credential_process returned an Expiration that is not a date.`);
    // An Expiration in the past is kept: the credential chain refuses such credentials with a
    // CredentialsExpiredError naming the profile and the time (as for env keys and IMDS).
  }
  return {
    accessKeyId: data.AccessKeyId,
    secretAccessKey: data.SecretAccessKey,
    ...(typeof data.SessionToken === "string" && data.SessionToken ? { sessionToken: data.SessionToken } : {}),
    ...(expiration ? { expiration } : {}),
  };
}

function abortError(program: string): Error {
  return Object.assign(new Error(`credential_process ${program} was stopped: nobody waits for these credentials any more`), { name: "AbortError" });
}
