// The tarball test's pure parts (scripts/tarball-test.ts): running a command, the environments,
// a package's export subpaths and conditions, Markdown links and the repository files they name,
// tsc's errors split into ours and theirs.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { relative, resolve, sep } from "node:path";
import { root } from "./release-pack.js";

export const TIMEOUT = 120_000;

export interface Manifest {
  name: string;
  version: string;
  exports?: unknown;
  dependencies?: Record<string, string>;
  repository?: { url?: string };
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function run(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; timeout?: number }): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"], timeout: options.timeout ?? TIMEOUT });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolvePromise({ code, stdout, stderr }));
  });
}

/** npm's environment: ours without what `pnpm run` adds (npm_* of the workspace script). */
export function npmEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(npm_|PNPM_|pnpm_)/.test(name) || /^npm_config_(registry|cache|userconfig)$/.test(name)));
}

/** Every subpath of a package's `exports` (patterns excepted) and the conditions it offers. */
export function exportSubpaths(manifest: Manifest): Array<{ subpath: string; specifier: string; conditions: Set<string> }> {
  const exp = manifest.exports;
  const entries: Array<[string, unknown]> =
    typeof exp === "string" || Array.isArray(exp) || (exp && !Object.keys(exp).some((k) => k.startsWith(".")))
      ? [[".", exp]]
      : Object.entries((exp ?? { ".": "" }) as Record<string, unknown>);
  return entries
    .filter(([subpath]) => !subpath.includes("*"))
    .map(([subpath, target]) => ({ subpath, specifier: subpath === "." ? manifest.name : `${manifest.name}/${subpath.slice(2)}`, conditions: conditionsOf(target) }));
}

export function conditionsOf(target: unknown, into = new Set<string>()): Set<string> {
  if (typeof target === "string") into.add("default");
  else if (Array.isArray(target)) for (const t of target) conditionsOf(t, into);
  else if (target && typeof target === "object")
    for (const [condition, next] of Object.entries(target)) {
      into.add(condition);
      conditionsOf(next, into);
    }
  return into;
}

/** Waits for `streambed emulator`'s `export NAME=value` lines and returns them. */
export function exportedVars(child: ChildProcess): Promise<Record<string, string>> {
  return new Promise((resolvePromise, reject) => {
    let stdout = "";
    let stderr = "";
    child.stderr!.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.stdout!.setEncoding("utf8").on("data", (d: string) => {
      stdout += d;
      if (/^export AWS_REGION=\S+$/m.test(stdout)) resolvePromise(Object.fromEntries([...stdout.matchAll(/^export (\w+)=(\S+)$/gm)].map((m) => [m[1]!, m[2]!])));
    });
    child.on("close", (code) => reject(new Error(`streambed emulator exited (${code}) before printing its variables:\n${stdout}${stderr}`)));
  });
}

/** Link targets of a Markdown text (inline, reference definitions, HTML href/src), code excluded. */
export function markdownLinks(text: string): string[] {
  const prose = text.replace(/^```[\s\S]*?^```/gm, "").replace(/`[^`\n]*`/g, "");
  const links: string[] = [];
  for (const m of prose.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) links.push(m[1]!);
  for (const m of prose.matchAll(/^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)) links.push(m[1]!);
  for (const m of prose.matchAll(/\b(?:href|src)\s*=\s*["']([^"']+)["']/g)) links.push(m[1]!);
  return links;
}

/** `https://github.com/owner/name` from a package's `repository.url`. */
export function repositoryWebUrl(manifest: Manifest): string | undefined {
  const url = manifest.repository?.url?.replace(/^git\+/, "").replace(/\.git$/, "");
  return url && /^https:\/\/github\.com\/[^/]+\/[^/]+$/.test(url) ? url : undefined;
}

/** For a link to a file or folder of `base` (…/blob/main/x, …/tree/main/x): x exists in this checkout. Others pass. */
export function repositoryFileExists(base: string, link: string): boolean {
  const m = /^\/(?:blob|tree)\/main\/([^#?]*)/.exec(link.startsWith(`${base}/`) ? link.slice(base.length) : "");
  if (!m) return true;
  const target = resolve(root, decodeURI(m[1]!));
  return isInside(root, target) && existsSync(target) && (link.includes("/tree/") || statSync(target).isFile());
}

/**
 * tsc's errors (each with its continuation lines), split into those in the consumer or a streambed
 * package and those in other packages' declaration files.
 */
export function tscErrors(output: string): { ours: string[]; theirs: string[] } {
  const errors: string[] = [];
  for (const line of output.split("\n")) {
    if (/^\S.*\(\d+,\d+\): error TS\d+/.test(line) || /^error TS\d+/.test(line)) errors.push(line);
    else if (line.trim() && errors.length > 0) errors[errors.length - 1] += `\n${line}`;
  }
  const isTheirs = (e: string) => /^node_modules\//.test(e) && !/^node_modules\/(@streambed\/|streambed\/)/.test(e);
  return { ours: errors.filter((e) => !isTheirs(e)), theirs: errors.filter(isTheirs) };
}

export function isInside(dir: string, target: string): boolean {
  const rel = relative(dir, target);
  return rel === "" || (!rel.startsWith("..") && !rel.startsWith(sep) && !/^[a-z]:/i.test(rel));
}
