/**
 * A discovery cache entry with wrong types (issue 15, item 8): `models list` drops it and fetches
 * the list again (it used to crash on `input.join` until the entry expired); `doctor` says so.
 */
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { emulatorVars, runCli, useEmulatorAndHome, withHome } from "./spawn-cli.test-helper.js";

const t = useEmulatorAndHome();

/** The line of a doctor check, e.g. "! cache  …". */
function line(out: string, label: string): string {
  return out.split("\n").find((l) => new RegExp(`^. ${label}\\s`).test(l)) ?? "";
}

interface CacheFile {
  version: number;
  key: string;
  entry: { fetchedAt: number; models: Array<{ id: string; input: unknown }> };
}

describe("a discovery cache entry with wrong types", () => {
  it("doctor warns naming the problem; models list drops it, lists typed models and rewrites the file; doctor is quiet again", async () => {
    await withHome(async (home) => {
      const env = emulatorVars(t.emulator);
      const cli = (...args: string[]) => runCli(args, { home, env });
      const first = await cli("models", "list", "--json");
      expect(first.code).toBe(0);
      const listed = (JSON.parse(first.stdout) as { models: Array<{ id: string; input: string[] }> }).models;
      const dir = join(home, ".streambed", "cache");
      const [name] = await readdir(dir);
      const file = join(dir, name!);
      const data = JSON.parse(await readFile(file, "utf8")) as CacheFile;
      const damagedId = data.entry.models[0]!.id;
      data.entry.models[0]!.input = "text";
      await writeFile(file, JSON.stringify(data));

      const doctor = await cli("doctor");
      expect(doctor.code).toBe(0); // a warning, not a failure: the next listing repairs it
      expect(line(doctor.stdout, "cache")).toMatch(
        /^! cache\s+the cached list for us-east-1 \(fetched .+ ago\) is invalid: models\[0\]\.input: expected an array of "text" \/ "image", got "text"; it is dropped and fetched again on the next listing$/,
      );
      expect(doctor.stdout).toContain(file);

      const table = await cli("models", "list");
      expect(table).toMatchObject({ code: 0, stderr: "" });
      expect(table.stdout).toContain(`\n${damagedId} `); // the table's first column: the model id
      const again = await cli("models", "list", "--json");
      expect(again.code).toBe(0);
      const models = (JSON.parse(again.stdout) as { models: Array<{ id: string; input: unknown }> }).models;
      expect(models.map((m) => m.id)).toEqual(listed.map((m) => m.id));
      for (const m of models) expect(Array.isArray(m.input), m.id).toBe(true);
      const rewritten = JSON.parse(await readFile(file, "utf8")) as CacheFile;
      expect(rewritten.entry.models[0]!.input).toEqual(listed.find((m) => m.id === damagedId)!.input);
      expect(await readdir(dir)).toEqual([name]); // written atomically: no temp file left

      const healthy = await cli("doctor");
      expect(line(healthy.stdout, "cache")).toMatch(/^· cache\s+\d+ models for us-east-1, fetched .* ago \(fresh\)$/);
    });
  });
});
