/**
 * The packages as a user gets them. Packs every publishable package (scripts/release-pack.ts, into
 * release/), installs all the tarballs at once with plain `npm` into a new project in a temporary
 * folder (no workspace, no pnpm), then checks, each as its own named test:
 *
 * - per package: `import` and `require` of every subpath its package.json `exports` declares (and
 *   that both give the same names), the LICENSE is the repository's, no `workspace:` range is left
 *   and the sibling packages are pinned to the packed versions, every source map's sources are in
 *   the package, no test file is shipped, every relative link in its Markdown files resolves inside
 *   the installed package and every link into the repository names a file that exists;
 * - `tsc --noEmit` of a small typed consumer (every subpath, ESM and CJS) under `moduleResolution`
 *   node16 and bundler, with the repository's TypeScript;
 * - the installed bin: `npx streambed --help` and `--version`, then `streambed emulator` and
 *   `streambed chat` (and `models list`) against it, on 127.0.0.1 only;
 * - an esbuild bundle of the installed `streambed` for workerd (examples/edge-worker.ts, platform
 *   neutral, conditions workerd/worker/browser): the edge build, no `node:` import, no Node global.
 *
 * Every streambed process runs with a throw-away HOME and no AWS variable from the machine. npm uses
 * its own configuration (registry, cache) to fetch the third-party dependencies.
 *
 *   pnpm test:tarballs                        # or: npx tsx scripts/tarball-test.ts
 *   pnpm test:tarballs --no-build             # pack what is already built
 *   STREAMBED_KEEP_TARBALL_PROJECT=1 …        # keep the temporary project (its path is printed)
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { describe, it } from "node:test";
import type { BuildOptions } from "esbuild";
import { bundleWorker, inputPackages, nodeGlobals } from "../packages/edge/test/bundle-worker.js";
import { packRelease, root, sizeTable, type Tarball } from "./release-pack.js";
import { guardedChildEnv } from "./test-guard/child-env.mjs";
import { exportedVars, exportSubpaths, isInside, markdownLinks, npmEnv, repositoryFileExists, repositoryWebUrl, run, tscErrors, type Manifest } from "./tarball-test-parts.js";

const MODEL = "us.anthropic.claude-sonnet-4-6";
const TIMEOUT = 120_000;

// ---------------------------------------------------------------------------------------------
// Setup: pack, then install every tarball at once into a new project outside the repository.

const work = realpathSync(mkdtempSync(join(tmpdir(), "streambed-tarballs-")));
if (process.env.STREAMBED_KEEP_TARBALL_PROJECT) console.log(`tarball-test: project kept at ${work}/project`);
else process.on("exit", () => rmSync(work, { recursive: true, force: true }));
const project = join(work, "project");
const home = join(work, "home");
mkdirSync(project);
mkdirSync(home);

const tarballs = packRelease(undefined, { build: !process.argv.includes("--no-build") });
console.log(sizeTable(tarballs));

const rootManifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { devDependencies: Record<string, string> };
writeFileSync(join(project, "package.json"), JSON.stringify({ name: "streambed-tarball-consumer", private: true, type: "module" }, null, 2));
const install = await run("npm", ["install", "--no-audit", "--no-fund", ...tarballs.map((t) => t.file), `@types/node@${rootManifest.devDependencies["@types/node"]}`], {
  cwd: project,
  env: npmEnv(),
  timeout: 600_000,
});
if (install.code !== 0) {
  console.error(`tarball-test: npm install of the tarballs failed (exit ${install.code}):\n${install.stdout}${install.stderr}`);
  process.exit(1);
}

/** Where an installed package lives, and its installed package.json. */
function installed(t: Tarball): { dir: string; manifest: Manifest } {
  const dir = join(project, "node_modules", ...t.name.split("/"));
  return { dir, manifest: JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as Manifest };
}

// ---------------------------------------------------------------------------------------------
// Per package.

for (const t of tarballs) {
  const { dir, manifest } = installed(t);
  describe(t.name, () => {
    for (const { subpath, specifier, conditions } of exportSubpaths(manifest)) {
      const json = subpath.endsWith(".json");
      const offersRequire = conditions.has("require") || conditions.has("default");
      it(`import "${specifier}"`, { timeout: TIMEOUT }, async () => {
        const names = await exportNames(specifier, "import", json);
        if (json) assert.deepEqual(names, ["default"]);
        else assert.ok(names.length > 0, `import("${specifier}") has no exports`);
      });
      it(`require("${specifier}")`, { timeout: TIMEOUT, skip: offersRequire ? false : "its exports entry has no require or default condition" }, async () => {
        const names = await exportNames(specifier, "require", json);
        assert.ok(names.length > 0, `require("${specifier}") has no exports`);
      });
      if (offersRequire && !json) {
        it(`"${specifier}": import and require give the same names`, { timeout: TIMEOUT }, async () => {
          const [esm, cjs] = await Promise.all([exportNames(specifier, "import", false), exportNames(specifier, "require", false)]);
          assert.deepEqual(cjs.filter((n) => n !== "module.exports" && n !== "__esModule"), esm);
        });
      }
    }

    it("LICENSE is the repository's LICENSE", () => {
      assert.ok(existsSync(join(dir, "LICENSE")), "no LICENSE in the tarball");
      assert.ok(readFileSync(join(dir, "LICENSE")).equals(readFileSync(join(root, "LICENSE"))), "LICENSE differs from the repository's");
    });

    it("dependencies are versions, the sibling packages the packed ones", () => {
      for (const [name, range] of Object.entries(manifest.dependencies ?? {})) {
        assert.ok(!range.startsWith("workspace:"), `${name}: ${range}`);
        const sibling = tarballs.find((s) => s.name === name);
        if (sibling) assert.equal(range, sibling.version, `${name} should be pinned to the packed ${sibling.version}`);
      }
    });

    it("every source map's sources are in the package (or embedded)", () => {
      const missing: string[] = [];
      for (const file of t.files.filter((f) => f.endsWith(".map"))) {
        const map = JSON.parse(readFileSync(join(dir, file), "utf8")) as { sources: string[]; sourcesContent?: Array<string | null> };
        map.sources.forEach((source, i) => {
          if (typeof map.sourcesContent?.[i] === "string") return;
          const target = resolve(dir, dirname(file), source);
          if (!isInside(dir, target) || !existsSync(target)) missing.push(`${file}: ${source}`);
        });
      }
      assert.deepEqual(missing, []);
    });

    it("ships no test files", () => {
      assert.deepEqual(
        t.files.filter((f) => /\.test\.|\.test-helper\.|(^|\/)test-helpers\.|\.fixture\.|(^|\/)(fixtures|test-support|fuzz|test)\//.test(f)),
        [],
      );
    });

    for (const md of t.files.filter((f) => f.endsWith(".md"))) {
      it(`${md}: relative links resolve in the installed package`, () => {
        const broken = markdownLinks(readFileSync(join(dir, md), "utf8"))
          .filter((link) => !/^[a-z][a-z0-9+.-]*:/i.test(link) && !link.startsWith("#"))
          .filter((link) => {
            const target = resolve(dir, dirname(md), decodeURI(link.replace(/[#?].*$/, "")));
            return !isInside(dir, target) || !existsSync(target);
          });
        assert.deepEqual(broken, []);
      });
      it(`${md}: links into the repository name files that exist`, () => {
        const base = repositoryWebUrl(manifest);
        assert.ok(base, "package.json has no https://github.com/… repository.url");
        const broken = markdownLinks(readFileSync(join(dir, md), "utf8")).filter((link) => !repositoryFileExists(base, link));
        assert.deepEqual(broken, []);
      });
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Types, as a consumer's compiler sees them.

describe("types (tsc --noEmit of a consumer)", () => {
  const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
  writeConsumer();
  for (const mode of ["node16", "bundler"] as const) {
    it(`moduleResolution ${mode}`, { timeout: TIMEOUT }, async (t) => {
      const r = await run(process.execPath, [tsc, "-p", `tsconfig.${mode}.json`], { cwd: project, env: cleanEnv() });
      const { ours, theirs } = tscErrors(r.stdout);
      // skipLibCheck is off so that errors inside our .d.ts count; those inside another package's
      // types (msw's under a node16 CommonJS importer, say) are reported here but are not ours to fix.
      for (const error of theirs) t.diagnostic(`not ours: ${error}`);
      assert.deepEqual(ours, []);
      assert.ok(r.code === 0 || theirs.length > 0, `tsc exited ${r.code}:\n${r.stdout}${r.stderr}`);
    });
  }
});

// ---------------------------------------------------------------------------------------------
// The installed bin.

describe("the streambed bin", () => {
  const cli = tarballs.find((t) => t.name === "@streambed/cli");
  const bin = join(project, "node_modules", ".bin", "streambed");

  it("npx streambed --help", { timeout: TIMEOUT }, async () => {
    // --no: never fetch a "streambed" from the registry when the local bin is missing; --: --help is streambed's.
    const r = await run("npx", ["--no", "--", "streambed", "--help"], { cwd: project, env: cleanEnv() });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Usage: streambed /m);
    for (const command of ["chat", "models", "config", "doctor", "emulator"]) assert.match(r.stdout, new RegExp(`^  ${command}\\b`, "m"));
    const docs = /https:\/\/\S+/.exec(r.stdout)?.[0];
    assert.ok(docs, "--help names no docs URL");
    const base = cli && repositoryWebUrl(installed(cli).manifest);
    assert.ok(base && repositoryFileExists(base, docs), `the docs URL ${docs} names no file of the repository`);
  });

  it("streambed --version is the packed version", { timeout: TIMEOUT }, async () => {
    const r = await run(bin, ["--version"], { cwd: project, env: guardedEnv() });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.trim(), cli?.version);
  });

  it("streambed emulator, then streambed chat and models list against it", { timeout: TIMEOUT }, async () => {
    const emulator = spawn(bin, ["emulator", "--port", "0"], { cwd: project, env: guardedEnv(), stdio: ["ignore", "pipe", "pipe"] });
    try {
      const vars = await exportedVars(emulator);
      assert.deepEqual(Object.keys(vars), ["AWS_ENDPOINT_URL_BEDROCK_RUNTIME", "AWS_ENDPOINT_URL_BEDROCK", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_REGION"]);
      assert.match(vars.AWS_ENDPOINT_URL_BEDROCK_RUNTIME!, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.match(vars.AWS_ENDPOINT_URL_BEDROCK!, /^http:\/\/127\.0\.0\.1:\d+$/);

      const prompt = "hello from the installed tarballs";
      const chat = await run(bin, ["chat", "-m", MODEL, prompt], { cwd: project, env: guardedEnv(vars) });
      assert.equal(chat.code, 0, chat.stderr);
      assert.equal(chat.stdout, `${prompt}\n`); // the emulator's default behaviour echoes the prompt

      const list = await run(bin, ["models", "list", "--plain"], { cwd: project, env: guardedEnv(vars) });
      assert.equal(list.code, 0, list.stderr);
      assert.match(list.stdout, new RegExp(`^amazon-bedrock/${MODEL.replace(/\./g, "\\.")}$`, "m"));

      const closed = once(emulator, "close");
      emulator.kill("SIGTERM");
      const [code] = (await closed) as [number | null];
      assert.equal(code, 0, "the emulator should stop with exit 0 on SIGTERM");
    } finally {
      if (emulator.exitCode === null && emulator.signalCode === null) emulator.kill("SIGKILL");
    }
  });
});

// ---------------------------------------------------------------------------------------------
// The edge promise, on the installed package.

describe("workerd bundle of the installed streambed (esbuild, platform neutral)", () => {
  const entry = join(project, "edge-worker.ts");
  copyFileSync(join(root, "examples", "edge-worker.ts"), entry);
  const target: BuildOptions = { platform: "neutral", conditions: ["workerd", "worker", "browser"], mainFields: ["browser", "module", "main"] };
  const bundled = bundleWorker(target, { entryPoints: [entry], absWorkingDir: project });
  bundled.catch(() => undefined); // reported by the tests below

  it("resolves streambed to its edge build, never the Node one", async () => {
    const { metafile } = await bundled;
    assert.ok(Object.keys(metafile.inputs).includes("node_modules/streambed/dist/edge.js"), Object.keys(metafile.inputs).join("\n"));
    const packages = inputPackages(metafile);
    assert.ok(packages.includes("@streambed/edge") && packages.includes("@streambed/core"), packages.join(", "));
    assert.ok(!packages.includes("@streambed/node") && !packages.includes("undici"), packages.join(", "));
  });

  it("contains no node: import", async () => {
    const { code, nodeImports } = await bundled;
    assert.deepEqual(nodeImports, []);
    assert.doesNotMatch(code, /["']node:/);
  });

  it("references no Buffer or process", async () => {
    assert.deepEqual(nodeGlobals((await bundled).code), []);
  });
});

// ---------------------------------------------------------------------------------------------
// Helpers.

/** cleanEnv plus the loopback guard: a streambed process run by this test may only use 127.0.0.1. */
function guardedEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return guardedChildEnv(cleanEnv(extra)) as NodeJS.ProcessEnv;
}

/**
 * The environment of a streambed process: PATH, a throw-away HOME, colours off, no instance
 * metadata lookup (disabled, and its endpoint a closed loopback port), plus `extra`.
 */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? "",
    HOME: home,
    USERPROFILE: home,
    ...(process.env.TMPDIR ? { TMPDIR: process.env.TMPDIR } : {}),
    NO_COLOR: "1",
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_EC2_METADATA_SERVICE_ENDPOINT: "http://127.0.0.1:9",
    ...extra,
  };
}

/** The export names of `specifier`, loaded in a fresh Node from the consumer project. */
async function exportNames(specifier: string, how: "import" | "require", json: boolean): Promise<string[]> {
  const s = JSON.stringify(specifier);
  const code =
    how === "import"
      ? `const m = await import(${s}${json ? ', { with: { type: "json" } }' : ""}); console.log(JSON.stringify(Object.keys(m).sort()));`
      : `const m = require(${s}); console.log(JSON.stringify(Object.keys(m).sort()));`;
  const args = how === "import" ? ["--input-type=module", "--no-warnings", "-e", code] : ["--no-warnings", "-e", code];
  const r = await run(process.execPath, args, { cwd: project, env: cleanEnv() });
  assert.equal(r.code, 0, `${how} ${specifier}:\n${r.stderr}`);
  return JSON.parse(r.stdout) as string[];
}

/**
 * consumer.ts (ESM) namespace-imports every code subpath of every package and uses the README's
 * `createBedrock` loop; consumer-cjs.cts does the same through `require` for the packages that offer
 * it. tsconfig.node16.json checks both, tsconfig.bundler.json the ESM one.
 */
function writeConsumer(): void {
  const esm: string[] = [];
  const cjs: string[] = [];
  let i = 0;
  for (const t of tarballs) {
    for (const { subpath, specifier, conditions } of exportSubpaths(installed(t).manifest)) {
      if (subpath.endsWith(".json")) continue;
      const line = `import * as m${i} from ${JSON.stringify(specifier)};\nexport const n${i} = Object.keys(m${i}).length;`;
      i++;
      esm.push(line);
      // A CommonJS build to type: an ESM-only package (the CLI) is not importable from a node16 .cts.
      if (conditions.has("require")) cjs.push(line);
    }
  }
  const usage = `
import { createBedrock } from "streambed";

export async function reply(prompt: string): Promise<string> {
  const bedrock = createBedrock({ region: "us-east-1" });
  let text = "";
  for await (const ev of bedrock.stream({ model: ${JSON.stringify(MODEL)}, messages: [{ role: "user", content: prompt }] })) {
    if (ev.type === "text_delta") text += ev.delta;
  }
  return text;
}
`;
  writeFileSync(join(project, "consumer.ts"), `${esm.join("\n")}\n${usage}`);
  writeFileSync(join(project, "consumer-cjs.cts"), `${cjs.join("\n")}\n`);
  const base = { strict: true, noEmit: true, skipLibCheck: false, target: "ES2022", lib: ["ES2022", "DOM", "DOM.Iterable"], types: ["node"] };
  writeFileSync(join(project, "tsconfig.node16.json"), JSON.stringify({ compilerOptions: { ...base, module: "node16", moduleResolution: "node16" }, files: ["consumer.ts", "consumer-cjs.cts"] }, null, 2));
  writeFileSync(join(project, "tsconfig.bundler.json"), JSON.stringify({ compilerOptions: { ...base, module: "esnext", moduleResolution: "bundler" }, files: ["consumer.ts"] }, null, 2));
}
