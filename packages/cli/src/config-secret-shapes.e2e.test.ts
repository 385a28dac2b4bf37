/**
 * `config get/set` hide secrets by where they are written — the key as parsed, and header names
 * (`headers.Authorization`, `x-api-key`, `*token*`, `*secret*`) — and by their shape anywhere
 * (`Bearer …`, `ABSK…`, AWS secret keys), also in the JSON5 excerpt of a file that does not parse.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { makeHome, runCli } from "./spawn-cli.test-helper.js";

const BEDROCK_KEY = "ABSKQmVkcm9ja0FQSUtleS1jbGktc2hhcGUtMDEyMzQ1Njc4OWFiY2RlZmdoaWo=";
const BEARER = `Bearer ${BEDROCK_KEY}`;
/** Not shaped like anything: only the header's name can hide it. */
const PLAIN = "plain-header-value-not-a-pattern-17";
/** Shaped like an AWS secret access key (40 base64 characters mixing cases and digits). */
const AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYSHAPE0KEY1";
const HEADERS = 'models.providers["amazon-bedrock"].headers';
/** A prefixed API token whose dashes keep every run short, so only its shape gives it away. */
const PREFIXED = `sk-ant-api03-${"Ab3-".repeat(10)}x`;

let home: string;
let removeHome: () => Promise<void>;
let file: string;
beforeEach(async () => {
  ({ home, remove: removeHome } = await makeHome());
  file = join(home, ".streambed", "config.json5");
});
afterEach(async () => {
  await removeHome();
});
const cli = (...args: string[]) => runCli(args, { home });
const output = (r: { stdout: string; stderr: string }) => r.stdout + r.stderr;
const hidden = (value: string, hint = true) => `<hidden: ${value.length} characters${hint ? "; add --reveal to print it" : ""}>`;

describe("streambed config: secrets by header name and by shape", () => {
  it("set and get of headers.Authorization = 'Bearer ABSK…' hide it; --reveal prints it", async () => {
    const set = await cli("config", "set", `${HEADERS}.Authorization`, BEARER);
    expect(set).toMatchObject({ code: 0, stderr: "", stdout: `Set ${HEADERS}.Authorization = ${hidden(BEARER, false)} in ${file}\n` });
    expect(await readFile(file, "utf8")).toContain(BEARER);
    expect(await cli("config", "get", `${HEADERS}.Authorization`)).toMatchObject({ code: 0, stdout: `${hidden(BEARER)}\n` });
    expect(await cli("config", "get", "--reveal", `${HEADERS}.Authorization`)).toMatchObject({ code: 0, stdout: `${BEARER}\n` });
    const parent = await cli("config", "get", HEADERS);
    expect(JSON.parse(parent.stdout)).toEqual({ Authorization: hidden(BEARER) });
    for (const r of [set, parent]) expect(output(r)).not.toContain(BEDROCK_KEY.slice(4, 12));
  });

  it("header values by name (x-api-key, *token*, *secret*) whatever their shape; other headers shown", async () => {
    await mkdir(join(home, ".streambed"), { recursive: true });
    const headers = { "x-api-key": PLAIN, "X-Session-Token-Id": `${PLAIN}-t`, "X-Client-Secret": `${PLAIN}-s`, "anthropic-beta": "prompt-caching-2024-07-31" };
    await writeFile(file, JSON.stringify({ models: { providers: { "amazon-bedrock": { headers } } } }));
    const get = await cli("config", "get", HEADERS);
    expect(get.code).toBe(0);
    expect(JSON.parse(get.stdout)).toEqual({
      "x-api-key": hidden(PLAIN),
      "X-Session-Token-Id": hidden(`${PLAIN}-t`),
      "X-Client-Secret": hidden(`${PLAIN}-s`),
      "anthropic-beta": "prompt-caching-2024-07-31",
    });
    expect(output(get)).not.toContain(PLAIN);
    const set = await cli("config", "set", HEADERS, JSON.stringify(headers));
    expect(set.code).toBe(0);
    expect(output(set)).not.toContain(PLAIN);
  });

  it("a secret by shape at an ordinary key: set and get hide it", async () => {
    for (const [path, value] of [
      ["gateway.note", BEDROCK_KEY],
      [`${HEADERS}.x-forwarded-creds`, AWS_SECRET],
    ] as const) {
      const set = await cli("config", "set", path, value);
      expect(set).toMatchObject({ code: 0, stdout: `Set ${path} = ${hidden(value, false)} in ${file}\n` });
      expect(await cli("config", "get", path)).toMatchObject({ code: 0, stdout: `${hidden(value)}\n` });
    }
    expect(await cli("config", "get", "gateway.port").then((r) => r.code)).toBe(1);
  });

  it("a key written with escapes (\"api\\u004bey\", 'x-api\\u002dkey') is hidden by its parsed name, in get and in the JSON5 excerpt", async () => {
    await mkdir(join(home, ".streambed"), { recursive: true });
    await writeFile(file, `{ models: { providers: { "amazon-bedrock": { "api\\u004bey": "${PLAIN}", headers: { 'x-api\\u002dkey': "${PLAIN}-h" } } } } }\n`);
    const get = await cli("config", "get", 'models.providers["amazon-bedrock"]');
    expect(JSON.parse(get.stdout)).toEqual({ apiKey: hidden(PLAIN), headers: { "x-api-key": hidden(`${PLAIN}-h`) } });
    // Broken on each secret's own line: the excerpt quotes the line with the value masked.
    for (const line of [`  "api\\u004bey": "${PLAIN}" x,`, `  headers: { 'x-api\\u002dkey': "${PLAIN}" x }`]) {
      await writeFile(file, `{ models: { providers: { "amazon-bedrock": {\n${line}\n} } } }\n`);
      const broken = await cli("config", "get", "models");
      expect(broken.code).toBe(1);
      expect(broken.stderr).toMatch(/invalid JSON5/);
      expect(broken.stderr).toContain(line.replace(PLAIN, "*".repeat(PLAIN.length)));
      expect(output(broken)).not.toContain(PLAIN);
    }
  });

  it("a secret-shaped value the schema refuses is not quoted: config set, and doctor reading the file", async () => {
    const region = 'models.providers["amazon-bedrock"].region';
    const set = await cli("config", "set", region, PREFIXED);
    expect(set.code).toBe(2);
    expect(set.stderr).toContain("got a value (hidden)");
    await mkdir(join(home, ".streambed"), { recursive: true });
    await writeFile(file, JSON.stringify({ models: { providers: { "amazon-bedrock": { region: PREFIXED } } } }));
    const doctor = await cli("doctor");
    expect(doctor.code).toBe(1);
    expect(doctor.stdout).toContain("got a value (hidden)");
    for (const r of [set, doctor]) expect(output(r)).not.toContain(PREFIXED.slice(0, 16));
  });
});
