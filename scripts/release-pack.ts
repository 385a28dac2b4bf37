/**
 * `pnpm release:pack [dir]`: builds the workspace and packs every publishable package (each
 * packages/* whose package.json is not private) into one folder, default `release/` (gitignored),
 * as `pnpm publish` would upload it: `workspace:*` becomes the exact version, `files` decides the
 * contents. Prints each tarball's packed and unpacked size. Fails before packing when a package's
 * LICENSE is not the repository's LICENSE.
 *
 *   pnpm release:pack                # → release/*.tgz
 *   npm i ./release/*.tgz            # in any other project: install them all at once
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";

export const root = fileURLToPath(new URL("..", import.meta.url));

export interface PackageDir {
  /** packages/<dir> */
  dir: string;
  name: string;
  version: string;
}

export interface Tarball extends PackageDir {
  /** Absolute path of the .tgz. */
  file: string;
  packedBytes: number;
  unpackedBytes: number;
  /** Paths inside the package (without the `package/` prefix), sorted. */
  files: string[];
}

/** The publishable packages: every packages/* with a package.json that is not private. */
export function publishablePackages(): PackageDir[] {
  const out: PackageDir[] = [];
  for (const entry of readdirSync(join(root, "packages"), { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const dir = join("packages", entry.name);
    let pkg: { name: string; version: string; private?: boolean };
    try {
      pkg = JSON.parse(readFileSync(join(root, dir, "package.json"), "utf8"));
    } catch {
      continue;
    }
    if (!pkg.private) out.push({ dir, name: pkg.name, version: pkg.version });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

/** Packages whose committed LICENSE is missing or differs from the root LICENSE. */
export function staleLicenses(packages: PackageDir[]): string[] {
  const license = readFileSync(join(root, "LICENSE"));
  return packages
    .filter((p) => {
      try {
        return !readFileSync(join(root, p.dir, "LICENSE")).equals(license);
      } catch {
        return true;
      }
    })
    .map((p) => p.dir);
}

/**
 * The pnpm this repository uses: the one running us (`pnpm release:pack`), else the version in the
 * root package.json's `packageManager` through npx (pnpm is not installed globally).
 */
function pnpmCommand(): string[] {
  const execPath = process.env.npm_execpath;
  if (execPath && /^pnpm\//.test(process.env.npm_config_user_agent ?? "")) return [process.execPath, execPath];
  const { packageManager } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { packageManager: string };
  return ["npx", "-y", packageManager.replace(/\+.*$/, "")];
}

function run(command: string[], cwd: string): string {
  const result = spawnSync(command[0]!, command.slice(1), { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  if (result.status !== 0) {
    throw new Error(`${command.join(" ")} (in ${cwd}) exited ${result.status ?? result.signal}:\n${result.stdout}${result.stderr}`);
  }
  return result.stdout;
}

/** The regular files of a .tgz and their sizes, read from the tar headers. */
export function tarballEntries(file: string): Array<{ path: string; size: number }> {
  const tar = gunzipSync(readFileSync(file));
  const entries: Array<{ path: string; size: number }> = [];
  for (let offset = 0; offset + 512 <= tar.length; ) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) break;
    const field = (start: number, length: number) => header.subarray(start, start + length).toString("utf8").replace(/\0.*$/s, "");
    const prefix = field(345, 155);
    const path = (prefix ? `${prefix}/` : "") + field(0, 100);
    const size = parseInt(field(124, 12).trim() || "0", 8);
    const type = field(156, 1);
    if (type === "0" || type === "") entries.push({ path: path.replace(/^package\//, ""), size });
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return entries.sort((a, b) => a.path.localeCompare(b.path));
}

/** Build, then pack every publishable package into `outDir` (its old .tgz files removed first). */
export function packRelease(outDir = join(root, "release"), options: { build?: boolean } = {}): Tarball[] {
  const packages = publishablePackages();
  const stale = staleLicenses(packages);
  if (stale.length > 0) {
    throw new Error(`LICENSE differs from the repository's in ${stale.join(", ")}: run  for d in ${stale.join(" ")}; do cp LICENSE $d/; done`);
  }
  const pnpm = pnpmCommand();
  if (options.build !== false) run([...pnpm, "build", "--output-logs=errors-only"], root);
  const out = resolve(outDir);
  mkdirSync(out, { recursive: true });
  for (const name of readdirSync(out)) if (name.endsWith(".tgz")) rmSync(join(out, name));
  return packages.map((p) => {
    const packed = JSON.parse(run([...pnpm, "pack", "--json", "--pack-destination", out], join(root, p.dir))) as { filename: string };
    const file = resolve(join(root, p.dir), packed.filename);
    const entries = tarballEntries(file);
    return {
      ...p,
      file,
      packedBytes: readFileSync(file).length,
      unpackedBytes: entries.reduce((sum, e) => sum + e.size, 0),
      files: entries.map((e) => e.path),
    };
  });
}

/** The size table: one row per tarball, then the totals. */
export function sizeTable(tarballs: Tarball[]): string {
  const kb = (n: number) => `${(n / 1000).toFixed(1)} kB`;
  const rows = [["package", "tarball", "packed", "unpacked", "files"]];
  for (const t of tarballs) rows.push([t.name, basename(t.file), kb(t.packedBytes), kb(t.unpackedBytes), String(t.files.length)]);
  const total = (key: "packedBytes" | "unpackedBytes") => tarballs.reduce((sum, t) => sum + t[key], 0);
  rows.push(["total", "", kb(total("packedBytes")), kb(total("unpackedBytes")), String(tarballs.reduce((s, t) => s + t.files.length, 0))]);
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((cell, i) => (i >= 2 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join("  ")).join("\n");
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const tarballs = packRelease(process.argv[2] ? resolve(process.argv[2]) : undefined);
  console.log(sizeTable(tarballs));
  console.log(`\nInstall them all at once, in any project:  npm i ${resolve(process.argv[2] ?? "release")}/*.tgz`);
}
