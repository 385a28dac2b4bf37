/** Test support: a throw-away `redis-server` on a free loopback port (no persistence). */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";

/** Whether Debian's `redis-server` is on PATH. */
export const REDIS_AVAILABLE = spawnSync("redis-server", ["--version"], { stdio: "ignore" }).status === 0;

/**
 * The Redis tests' policy: without `redis-server` they are skipped on a developer's machine (with
 * this message), and FAIL in CI (`CI=true`), where `.ci/run` installs it.
 */
export function redisPolicy(): { skip: boolean; reason: string } {
  const reason = "redis-server is not installed (Debian: apt-get install -y redis-server); the shared-limit tests need a real Redis";
  if (REDIS_AVAILABLE) return { skip: false, reason };
  if (process.env.CI === "true") throw new Error(`${reason}. In CI this is a failure, not a skip.`);
  console.warn(`SKIPPED: ${reason}.`);
  return { skip: true, reason };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A running redis-server. */
export interface TestRedis {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** Starts `redis-server --port P --bind 127.0.0.1 --save '' --appendonly no`; resolves once it accepts connections. */
export async function startRedis(): Promise<TestRedis> {
  const port = await freePort();
  const child: ChildProcess = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "yes"], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`redis-server did not start within 10 s:\n${output}`)), 10_000);
    child.stdout!.setEncoding("utf8").on("data", (d: string) => {
      output += d;
      if (output.includes("Ready to accept connections")) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited (${code}):\n${output}`));
    });
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async stop() {
      child.kill("SIGTERM");
      await exited;
    },
  };
}
