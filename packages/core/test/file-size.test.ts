/**
 * The repo's rule "no source file over 400 lines" (docs/contributing.md), checked for every package:
 * each non-test file under `packages/* /src` (tests, `*.test.ts`, are exempt). A file that grows past
 * the limit is split into files of one concept each, not raised here.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const MAX_LINES = 400;
const root = fileURLToPath(new URL("../../../", import.meta.url));
const SOURCE = /\.(?:[cm]?[jt]s|tsx)$/;
const TEST = /\.test\.[cm]?[jt]sx?$/;

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(path));
    else if (entry.isFile() && SOURCE.test(entry.name) && !TEST.test(entry.name)) out.push(path);
  }
  return out;
}

function lineCount(text: string): number {
  if (text.length === 0) return 0;
  return text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
}

describe(`source files have at most ${MAX_LINES} lines`, () => {
  const packages = readdirSync(join(root, "packages"), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(root, "packages", entry.name, "src")))
    .map((entry) => entry.name);

  it("finds the packages' sources", () => {
    expect(packages).toContain("core");
    expect(sourceFiles(join(root, "packages", "core", "src")).length).toBeGreaterThan(10);
  });

  for (const name of packages) {
    it(`packages/${name}/src`, () => {
      const tooLong = sourceFiles(join(root, "packages", name, "src"))
        .map((file) => ({ file: relative(root, file), lines: lineCount(readFileSync(file, "utf8")) }))
        .filter((f) => f.lines > MAX_LINES)
        .map((f) => `${f.file}: ${f.lines} lines`);
      expect(tooLong, "split these into files of one concept each").toEqual([]);
    });
  }
});
