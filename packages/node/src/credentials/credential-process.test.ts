import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseProcessOutput, runCredentialProcess, splitCommandLine, usesCredentialProcess } from "./credential-process.js";
import { stsEndpoint } from "./sdk-client-config.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "streambed-credproc-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("splitCommandLine (the AWS CLI's POSIX word splitting, no shell)", () => {
  it.each([
    ["/usr/bin/creds --profile dev", ["/usr/bin/creds", "--profile", "dev"]],
    [`"/opt/my tools/creds" 'a b' c\\ d`, ["/opt/my tools/creds", "a b", "c d"]],
    [`creds "say \\"hi\\"" ''`, ["creds", 'say "hi"', ""]],
    ["  creds   $HOME  ~/x ", ["creds", "$HOME", "~/x"]],
  ])("%s", (line, words) => {
    expect(splitCommandLine(line)).toEqual(words);
  });

  it("an unterminated quote is an error", () => {
    expect(() => splitCommandLine(`creds "open`)).toThrow(/unterminated/);
  });
});

describe("usesCredentialProcess: the SDK's order (assume role, static keys, web identity first)", () => {
  it.each([
    [{ credential_process: "/bin/creds" }, true],
    [{ credential_process: "/bin/creds", role_arn: "arn:aws:iam::1:role/r", source_profile: "base" }, false],
    [{ credential_process: "/bin/creds", aws_access_key_id: "AKIA", aws_secret_access_key: "s" }, false],
    [{ credential_process: "/bin/creds", role_arn: "arn:aws:iam::1:role/r", web_identity_token_file: "/t" }, false],
    [{ credential_process: "  " }, false],
    [{ region: "us-east-1" }, false],
  ])("%j → %s", (profile, expected) => {
    expect(usesCredentialProcess(profile)).toBe(expected);
  });
});

describe("parseProcessOutput", () => {
  it("reads Version 1 output; rejects bad JSON, other versions, missing keys", () => {
    expect(parseProcessOutput(`{"Version":1,"AccessKeyId":"AKIA1","SecretAccessKey":"s","SessionToken":"t","Expiration":"2099-01-01T00:00:00Z"}\n`, { profile: "p" })).toEqual({
      accessKeyId: "AKIA1",
      secretAccessKey: "s",
      sessionToken: "t",
      expiration: new Date("2099-01-01T00:00:00Z"),
    });
    expect(() => parseProcessOutput("not json", { profile: "p" })).toThrow("invalid JSON");
    expect(() => parseProcessOutput(`{"Version":2,"AccessKeyId":"a","SecretAccessKey":"s"}`, { profile: "p" })).toThrow("Version 1");
    expect(() => parseProcessOutput(`{"Version":1,"AccessKeyId":"a"}`, { profile: "p" })).toThrow("invalid credentials");
  });

  it("keeps expired credentials with their expiration (the chain refuses them with a typed error), rejects an Expiration that is not a date", () => {
    expect(parseProcessOutput(`{"Version":1,"AccessKeyId":"a","SecretAccessKey":"s","Expiration":"2000-01-01T00:00:00Z"}`, { profile: "p" })).toEqual({
      accessKeyId: "a",
      secretAccessKey: "s",
      expiration: new Date("2000-01-01T00:00:00Z"),
    });
    expect(() => parseProcessOutput(`{"Version":1,"AccessKeyId":"a","SecretAccessKey":"s","Expiration":"soon"}`, { profile: "p" })).toThrow("not a date");
  });
});

describe("runCredentialProcess", () => {
  it("runs the program with its arguments (no shell) and reads its output", async () => {
    const script = join(dir, "echo-args.mjs");
    await writeFile(script, `process.stdout.write(JSON.stringify({ Version: 1, AccessKeyId: process.argv[2], SecretAccessKey: process.argv[3] }));\n`);
    const credentials = await runCredentialProcess(`"${process.execPath}" "${script}" AKIAFROMARGS0001 'secret with $HOME'`, { profile: "p" });
    expect(credentials).toEqual({ accessKeyId: "AKIAFROMARGS0001", secretAccessKey: "secret with $HOME" });
  });

  it("a failing program: the error names the program and the exit code, never its arguments or output", async () => {
    const script = join(dir, "fail.mjs");
    await writeFile(script, `process.stderr.write("stderr-secret"); process.stdout.write("stdout-secret"); process.exit(3);\n`);
    const error = (await runCredentialProcess(`"${process.execPath}" "${script}" --token arg-secret`, { profile: "p" }).catch((e: unknown) => e)) as Error;
    expect(error.message).toBe(`credential_process ${process.execPath} failed (exit code 3)`);
    const missing = (await runCredentialProcess(join(dir, "no-such-program"), { profile: "p" }).catch((e: unknown) => e)) as Error;
    expect(missing.message).toMatch(/could not be started \(ENOENT\)/);
  });

  it("an abort kills the process (SIGKILL) and rejects; an already-aborted signal starts nothing", async () => {
    const script = join(dir, "sleep.mjs");
    const pidFile = join(dir, "sleep.pid");
    await writeFile(script, `import { writeFileSync } from "node:fs";\nwriteFileSync(${JSON.stringify(pidFile)}, String(process.pid));\nsetTimeout(() => undefined, 600_000);\n`);
    const controller = new AbortController();
    const running = runCredentialProcess(`"${process.execPath}" "${script}"`, { profile: "p", signal: controller.signal });
    let pid = 0;
    while (!pid) {
      pid = Number(await readFile(pidFile, "utf8").catch(() => "")) || 0;
      if (!pid) await new Promise((resolve) => setTimeout(resolve, 10));
    }
    controller.abort();
    await expect(running).rejects.toMatchObject({ name: "AbortError" });
    // Rejected only once the process has exited.
    expect(() => process.kill(pid, 0)).toThrow();
    await expect(runCredentialProcess(`"${process.execPath}" "${script}"`, { profile: "p", signal: controller.signal })).rejects.toMatchObject({ name: "AbortError" });
  });
});

describe("stsEndpoint: the injected env decides", () => {
  it("AWS_ENDPOINT_URL_STS, else AWS_ENDPOINT_URL; none with AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", () => {
    expect(stsEndpoint({ AWS_ENDPOINT_URL_STS: "http://127.0.0.1:1", AWS_ENDPOINT_URL: "http://127.0.0.1:2" })).toEqual({ endpoint: "http://127.0.0.1:1" });
    expect(stsEndpoint({ AWS_ENDPOINT_URL: "http://127.0.0.1:2" })).toEqual({ endpoint: "http://127.0.0.1:2" });
    expect(stsEndpoint({ AWS_ENDPOINT_URL_STS: "http://127.0.0.1:1", AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: "true" })).toEqual({});
    expect(stsEndpoint({})).toEqual({});
  });
});
