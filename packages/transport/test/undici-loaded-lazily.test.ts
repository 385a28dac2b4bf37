/**
 * Importing the undici transport's module loads none of undici's files; creating the first transport
 * does. (An app that passes its own transport, such as the node:http one, never pays undici's import.)
 * Checked in a fresh process, whose module cache nothing else has filled.
 */
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { guardedChildEnv } from "../../../scripts/test-guard/child-env.mjs";

const entry = fileURLToPath(new URL("../src/undici/index.ts", import.meta.url));
const SCRIPT = `
import { createRequire } from "node:module";
const cache = createRequire(import.meta.url).cache;
const undiciFiles = () => Object.keys(cache).filter((file) => /[\\\\/]undici[\\\\/]lib[\\\\/]/.test(file)).length;
const { createUndiciTransport } = await import(${JSON.stringify(entry)});
const afterImport = undiciFiles();
const transport = createUndiciTransport({ env: {} });
const afterCreate = undiciFiles();
await transport.close();
console.log(JSON.stringify({ afterImport, afterCreate }));
`;

describe("@streambed/transport/undici", () => {
  it("loads undici's files when the first transport is created, not at import", async () => {
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, ["--import", "tsx", "--input-type=module", "-e", SCRIPT], { env: guardedChildEnv({ PATH: process.env.PATH ?? "" }) }, (error, out, err) =>
        error ? reject(new Error(`${error.message}\n${err}`)) : resolve(out),
      ),
    );
    const { afterImport, afterCreate } = JSON.parse(stdout.trim().split("\n").pop()!) as { afterImport: number; afterCreate: number };
    expect(afterImport).toBe(0);
    expect(afterCreate).toBeGreaterThan(0);
  });
});
