/**
 * Fault catalogue, credentials that never come: a role_arn profile whose STS accepts the request
 * and never answers, a credential_process that sleeps. The call's total timeout and the caller's
 * AbortSignal end the call (the CredentialsError naming the source is the cause), the STS request
 * is closed, the process is killed, and it ran once. Against the emulator, undici and fetch.
 */
import { readFile, mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { createServer, type AddressInfo, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { startEmulator, type RunningEmulator } from "@streambed/emulator";
import { AbortError, CredentialsError, TimeoutError } from "@streambed/core";
import { deadEndpoint } from "../../src/credentials/loopback-servers.test-helper.js";
import { ask, clientFor, drain, faultModel, KEYS, runtimeCalls, TRANSPORTS } from "./harness.js";

/**
 * A loopback TCP server that accepts connections, reads what they send and never answers.
 * `arrived()` resolves on the first bytes of a connection, `closed()` when the other side closed it.
 */
interface Silent {
  url: string;
  port: number;
  /** Bytes received, per connection, in order. */
  received: string[];
  /** Every connection that sent something, in order. */
  seen: Socket[];
  arrived(): Promise<Socket>;
  closed(socket: Socket): Promise<void>;
  close(): Promise<void>;
}

async function startSilent(): Promise<Silent> {
  const sockets = new Set<Socket>();
  const received: string[] = [];
  const arrivals: Array<(s: Socket) => void> = [];
  const pending: Socket[] = [];
  const seen: Socket[] = [];
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    const index = received.push("") - 1;
    let first = true;
    socket.on("data", (chunk) => {
      received[index] += chunk.toString("latin1");
      if (!first) return;
      first = false;
      seen.push(socket);
      const waiter = arrivals.shift();
      if (waiter) waiter(socket);
      else pending.push(socket);
    });
    socket.on("error", () => undefined);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    received,
    seen,
    arrived: () => new Promise((resolve) => (pending.length > 0 ? resolve(pending.shift()!) : arrivals.push(resolve))),
    closed: (socket) => new Promise((resolve) => (socket.destroyed ? resolve() : socket.once("close", () => resolve()))),
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

let emulator: RunningEmulator;
let deadSts: string;
let home: string;

beforeAll(async () => {
  emulator = await startEmulator({ credentials: [KEYS] });
  deadSts = await deadEndpoint();
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), "streambed-faults-deadline-"));
  await mkdir(join(home, ".aws"));
  // The AWS SDK also reads process.env. Point its own STS endpoint lookup at a port where nothing
  // listens, so only the endpoint streambed passes on from the injected env reaches the silent STS
  // (and nothing here can reach the internet), and its config lookups at the temp HOME.
  vi.stubEnv("AWS_ENDPOINT_URL_STS", deadSts);
  vi.stubEnv("HOME", home);
});
afterEach(async () => {
  vi.unstubAllEnvs();
  // Even when a test failed, no credential_process it started outlives it.
  for (const pid of await pidsIn(join(home, "runs.txt"))) if (alive(pid)) process.kill(pid, "SIGKILL");
  await rm(home, { recursive: true, force: true });
});

/** A role_arn profile (source keys in the credentials file) whose STS is `stsUrl`. */
async function roleProfile(): Promise<void> {
  await writeFile(join(home, ".aws", "credentials"), `[base]\naws_access_key_id = AKIABASEDEADLINE0001\naws_secret_access_key = base/deadline/secret/0123456789abcdef\n`);
  await writeFile(join(home, ".aws", "config"), `[profile slowrole]\nrole_arn = arn:aws:iam::123456789012:role/slow\nsource_profile = base\nregion = us-east-1\n`);
}

/**
 * A credential_process (a node script) that appends its pid to `runs`, tells the beacon server it
 * started (one TCP connection, open for its whole life), and then sleeps for ten minutes.
 */
async function sleepyProcess(beaconPort: number): Promise<{ runs: string }> {
  const runs = join(home, "runs.txt");
  const script = join(home, "sleepy.mjs");
  await writeFile(
    script,
    [
      `import { appendFileSync } from "node:fs";`,
      `import { connect } from "node:net";`,
      `appendFileSync(${JSON.stringify(runs)}, process.pid + "\\n");`,
      `const beacon = connect(${beaconPort}, "127.0.0.1", () => beacon.write(String(process.pid)));`,
      `setTimeout(() => process.stdout.write("{}"), 600_000);`,
      "",
    ].join("\n"),
  );
  await writeFile(join(home, ".aws", "config"), `[profile sleepy]\ncredential_process = "${process.execPath}" "${script}"\n`);
  return { runs };
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Resolves once `pid` is gone (killed and reaped). */
async function gone(pid: number): Promise<void> {
  while (alive(pid)) await new Promise((resolve) => setTimeout(resolve, 10));
}

async function pidsIn(file: string): Promise<number[]> {
  const text = await readFile(file, "utf8").catch(() => "");
  return text.split("\n").filter(Boolean).map(Number);
}

describe.each(TRANSPORTS)("a credential source that never finishes (%s)", (transport) => {
  const env = (profile: string, extra: Record<string, string> = {}) => ({ HOME: home, AWS_PROFILE: profile, AWS_EC2_METADATA_DISABLED: "true", ...extra });

  // The abort row runs first: it waits for the request to arrive, so the SDK is loaded before the
  // total row's clock (2 s) starts.
  it("role_arn whose STS never answers, aborted by the caller: AbortError, the CredentialsError as cause; the STS request is closed", { timeout: 15_000 }, async () => {
    const sts = await startSilent();
    try {
      await roleProfile();
      const controller = new AbortController();
      const bedrock = clientFor(emulator, transport, { credentials: undefined, env: env("slowrole", { AWS_ENDPOINT_URL_STS: sts.url }), timeouts: { totalMs: 600_000 } });
      const outcome = drain(bedrock.stream(ask(faultModel(undefined), "abort while assuming the role", { signal: controller.signal })));
      const request = await sts.arrived();
      controller.abort();
      const { events, error } = await outcome;
      expect(events).toEqual([]);
      expect(error).toBeInstanceOf(AbortError);
      expect((error as Error).cause).toBeInstanceOf(CredentialsError);
      expect((error as Error).cause).toMatchObject({ source: "profile: slowrole" });
      await sts.closed(request);
      await bedrock.close();
    } finally {
      await sts.close();
    }
  });

  it("role_arn whose STS never answers: timeouts.totalMs ends the call with TimeoutError total, the CredentialsError as cause; the STS request is closed", { timeout: 15_000 }, async () => {
    const sts = await startSilent();
    try {
      await roleProfile();
      const before = emulator.requests.length;
      const bedrock = clientFor(emulator, transport, { credentials: undefined, env: env("slowrole", { AWS_ENDPOINT_URL_STS: sts.url }), timeouts: { totalMs: 2_000 } });
      const { events, error } = await drain(bedrock.stream(ask(faultModel(undefined))));
      expect(events).toEqual([]);
      expect(error).toBeInstanceOf(TimeoutError);
      expect(error).toMatchObject({ kind: "total", timeoutMs: 2_000, retryable: false });
      const cause = (error as Error).cause;
      expect(cause).toBeInstanceOf(CredentialsError);
      expect(cause).toMatchObject({ source: "profile: slowrole" });
      expect((cause as Error).message).toMatch(/profile: slowrole/);
      expect((error as Error).message).toContain("profile: slowrole");
      expect(sts.received).toHaveLength(1);
      expect(sts.received[0]).toContain("Action=AssumeRole");
      // The AssumeRole request was aborted, not left hanging (nor retried): the server sees its connection close.
      await sts.closed(sts.seen[0]!);
      expect(runtimeCalls(emulator, before)).toHaveLength(0);
      await bedrock.close();
    } finally {
      await sts.close();
    }
  });

  it.each(["abort", "total"] as const)(
    "credential_process that sleeps, ended by %s: the call ends, the process is killed, it ran once",
    { timeout: 15_000 },
    async (ending) => {
      const beacon = await startSilent();
      const { runs } = await sleepyProcess(beacon.port);
      try {
        const controller = new AbortController();
        const bedrock = clientFor(emulator, transport, {
          credentials: undefined,
          env: env("sleepy"),
          timeouts: ending === "total" ? { totalMs: 3_000, firstByteMs: 100 } : { firstByteMs: 100 },
        });
        const outcome = drain(bedrock.stream(ask(faultModel(undefined), "credential process", { signal: controller.signal })));
        if (ending === "abort") {
          await beacon.arrived();
          controller.abort();
        }
        const { error } = await outcome;
        if (ending === "abort") expect(error).toBeInstanceOf(AbortError);
        else expect(error).toMatchObject({ name: "TimeoutError", kind: "total", timeoutMs: 3_000 });
        expect((error as Error).cause).toBeInstanceOf(CredentialsError);
        expect((error as Error).cause).toMatchObject({ source: "profile: sleepy" });
        // It ran once and was killed: its beacon connection closes, and it is gone.
        const [pid, ...more] = await pidsIn(runs);
        expect(more).toEqual([]);
        expect(beacon.seen).toHaveLength(1);
        await beacon.closed(beacon.seen[0]!);
        await gone(pid!);
        expect(alive(pid!)).toBe(false);
        expect(await pidsIn(runs)).toEqual([pid]);
        await bedrock.close();
      } finally {
        await beacon.close();
      }
    },
  );
});
