/**
 * The repo's rule "no file over 400 lines" (docs/architecture.md, "Layout"), checked over the whole
 * repository: every code file (TypeScript, JavaScript, Python, shell) under `packages/`, `scripts/`,
 * `bench/`, `examples/` and `.ci/`, tests and test harnesses included; build output and installed
 * packages are not the repo's. A file that grows past the limit is split into files of one concept
 * each, not raised here.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const MAX_LINES = 400;
const root = fileURLToPath(new URL("../../../", import.meta.url));
const CODE = /\.(?:[cm]?[jt]s|tsx|py|sh)$/;
const AREAS = ["packages", "scripts", "bench", "examples", ".ci"] as const;
/** Folders that hold output or installed code, wherever they are. */
const SKIPPED = new Set(["node_modules", "dist", "coverage", "release"]);

function codeFiles(dir: string, area: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIPPED.has(entry.name) || entry.name.startsWith(".")) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...codeFiles(path, area));
    // .ci/run has no extension: everything in .ci is code.
    else if (entry.isFile() && (CODE.test(entry.name) || area === ".ci")) out.push(path);
  }
  return out;
}

function lineCount(text: string): number {
  if (text.length === 0) return 0;
  return text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
}

describe(`files have at most ${MAX_LINES} lines`, () => {
  it("finds the repository's code, tests and harnesses included", () => {
    const files = codeFiles(join(root, "packages"), "packages").map((f) => relative(root, f));
    expect(files.filter((f) => f.startsWith("packages/core/src/")).length).toBeGreaterThan(10);
    expect(files.some((f) => f.endsWith(".test.ts"))).toBe(true);
    expect(codeFiles(join(root, ".ci"), ".ci").map((f) => relative(root, f))).toContain(".ci/run");
  });

  for (const area of AREAS) {
    it(area, () => {
      const dir = join(root, area);
      if (!existsSync(dir)) return;
      const tooLong = codeFiles(dir, area)
        .map((file) => ({ file: relative(root, file), lines: lineCount(readFileSync(file, "utf8")) }))
        .filter((f) => f.lines > MAX_LINES)
        .map((f) => `${f.file}: ${f.lines} lines`);
      expect(tooLong, "split these into files of one concept each").toEqual([]);
    });
  }
});
