/**
 * The edge promise, checked on the real example: examples/edge-worker.ts bundled like wrangler
 * (workerd) and Vercel (edge-light) bundle it picks the edge build through `streambed`'s export
 * conditions and needs nothing from Node — no `node:` import, no `Buffer`, no `process`.
 */
import { describe, expect, it } from "vitest";
import { bundleWorker, inputPackages, nodeGlobals, TARGETS } from "./bundle-worker.js";

describe.each(Object.entries(TARGETS))("edge-worker bundle, %s", (_name, target) => {
  it("resolves streambed to the edge build, never the Node one", async () => {
    const { metafile } = await bundleWorker(target);
    const packages = inputPackages(metafile);
    expect(packages).toContain("@streambed/edge");
    expect(packages).toContain("@streambed/core");
    expect(packages).not.toContain("@streambed/node");
    expect(packages).not.toContain("undici");
    expect(Object.keys(metafile.inputs)).toContain("packages/streambed/dist/edge.js");
  });

  it("imports no Node built-in and references no Buffer or process", async () => {
    const { code, nodeImports } = await bundleWorker(target);
    expect(nodeImports).toEqual([]);
    expect(nodeGlobals(code)).toEqual([]);
    expect(code).not.toMatch(/["']node:/);
  });
});

describe("the checker", () => {
  it("catches Node globals outside strings and comments, and ignores them inside", () => {
    expect(nodeGlobals('const b = Buffer.from("x"); if (process.env.X) {}')).toHaveLength(2);
    expect(nodeGlobals('// Buffer\n/* process */ const s = "process Buffer"; o.process = 1; ({ process: 1 });')).toEqual([]);
  });
});
