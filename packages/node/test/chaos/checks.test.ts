/**
 * The chaos run's checks catch what they are there for (the run itself, `pnpm test:chaos`, is not
 * part of the default tests): a secret in any encoding or cut short, a signature, a socket or timer
 * left open, an unhandled rejection; and a replayed iteration draws the same as in its run.
 */
import { createServer, connect, type AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { prng } from "../faults/prng.js";
import { handleCounts, handlesBackTo, secretScanner, watchProcess } from "./checks.js";
import { iterationSeed } from "./run-chaos.js";

const SECRET = "sEcReT/chaos+KEY/0123456789abcdefGHIJKLMN==";

describe("the chaos run's checks", () => {
  const scanner = secretScanner({ secret: SECRET });

  it.each([
    ["raw", `failed: ${SECRET}`],
    ["JSON-escaped slashes", `{"k":"${SECRET.replace(/\//g, "\\/")}"}`],
    ["\\u escapes", JSON.stringify(SECRET).replace(/\//g, "\\u002f")],
    ["URL-encoded", `x=${encodeURIComponent(SECRET)}`],
    ["form-encoded", new URLSearchParams({ x: SECRET }).toString()],
    ["inside base64", Buffer.from(`{"authorization":"${SECRET}"}`).toString("base64")],
    ["cut short", `token ${SECRET.slice(5, 15)}…`],
  ])("finds a secret written %s", (_how, text) => {
    expect(scanner.scan("t", text).map((l) => l.secret)).toEqual(["secret"]);
  });

  it("finds a SigV4 signature by its shape, and stays quiet on text without secrets", () => {
    expect(scanner.scan("t", `Credential=****WXYZ/x, Signature=${"0a".repeat(32)}`)).toHaveLength(1);
    expect(scanner.scan("t", "Signature=[redacted] ****WXYZ 0123456789 emulator/chaos ABSK[redacted]")).toEqual([]);
  });

  it("sees a socket and a timer left open, and their going away", async () => {
    const baseline = handleCounts();
    const server = createServer((s) => s.on("error", () => undefined));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const socket = connect((server.address() as AddressInfo).port, "127.0.0.1");
    await new Promise((resolve) => socket.once("connect", resolve));
    // A few timers: the test runner's own come and go meanwhile.
    const timers = Array.from({ length: 5 }, () => setTimeout(() => undefined, 60_000));
    const above = await handlesBackTo(baseline, 50);
    expect(above.some((a) => a.startsWith("TCPSocketWrap"))).toBe(true);
    expect(above.some((a) => a.startsWith("TCPServerWrap"))).toBe(true);
    expect(above.some((a) => a.startsWith("Timeout"))).toBe(true);
    for (const timer of timers) clearTimeout(timer);
    socket.destroy();
    await new Promise((resolve) => server.close(resolve));
    expect(await handlesBackTo(baseline, 2_000)).toEqual([]);
  });

  it("counts an unhandled rejection", async () => {
    const watcher = watchProcess();
    try {
      void Promise.reject(new Error("nobody catches this"));
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(watcher.take().unhandled).toEqual(["Error: nobody catches this"]);
      expect(watcher.take().unhandled).toEqual([]);
    } finally {
      watcher.stop();
    }
  });

  it("an iteration's draw depends on the seed and its number alone (replay with --iteration)", () => {
    const draw = (seed: number, i: number) => Array.from({ length: 5 }, prng(iterationSeed(seed, i)));
    expect(draw(42, 17)).toEqual(draw(42, 17));
    expect(draw(42, 17)).not.toEqual(draw(42, 18));
    expect(draw(42, 17)).not.toEqual(draw(43, 17));
  });
});
