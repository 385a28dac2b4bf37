/**
 * Environments for the child processes tests and examples start, with the loopback guard in them:
 * Node children load ./loopback-guard.mjs through `NODE_OPTIONS=--import`, Python children load
 * ./python/sitecustomize.py through `PYTHONPATH`. No side effects on import.
 */
import childProcess from "node:child_process";
import { syncBuiltinESMExports } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { neutraliseCredentialEndpoints } from "./endpoints.mjs";

const here = new URL(".", import.meta.url);
/** The guard module, for `node --import`. */
export const LOOPBACK_GUARD = fileURLToPath(new URL("loopback-guard.mjs", here));
/** The directory holding the Python guard (`sitecustomize.py`). */
export const PYTHON_GUARD_DIR = fileURLToPath(new URL("python/", here)).replace(/\/$/, "");

const IMPORT_FLAG = `--import ${pathToFileURL(LOOPBACK_GUARD).href}`;

const isLoopbackUrl = (value) => {
  try {
    const host = new URL(value).hostname.replace(/^\[(.*)\]$/, "$1");
    return host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
  } catch {
    return false;
  }
};

/**
 * Removes, in place, credential sources an inherited environment may carry that can only be reached
 * off loopback: `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` (always 169.254.170.2) and a
 * `AWS_CONTAINER_CREDENTIALS_FULL_URI` that is not a loopback URL. Use on an environment copied
 * from the machine, never on one a test wrote.
 */
export function scrubInheritedCredentialSources(env) {
  delete env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI;
  if (env.AWS_CONTAINER_CREDENTIALS_FULL_URI && !isLoopbackUrl(env.AWS_CONTAINER_CREDENTIALS_FULL_URI)) delete env.AWS_CONTAINER_CREDENTIALS_FULL_URI;
  return env;
}

/**
 * `env` (not modified) plus what a guarded child needs: `NODE_OPTIONS` with `--import <guard>`
 * (appended to any value already there), the credential endpoints that are not set yet pointed at
 * a refused loopback port, `STREAMBED_TEST_GUARD_LOG` passed on (so the test's guard sees the
 * child's attempts), and with `python: true`, `PYTHONPATH` with the Python guard first and
 * `AWS_EC2_METADATA_DISABLED=true` (unless set).
 */
export function guardedChildEnv(env = {}, options = {}) {
  const out = { ...env };
  neutraliseCredentialEndpoints(out);
  const nodeOptions = out.NODE_OPTIONS?.trim() ?? "";
  if (!nodeOptions.includes(IMPORT_FLAG)) out.NODE_OPTIONS = nodeOptions ? `${nodeOptions} ${IMPORT_FLAG}` : IMPORT_FLAG;
  const log = out.STREAMBED_TEST_GUARD_LOG ?? process.env.STREAMBED_TEST_GUARD_LOG;
  if (log) out.STREAMBED_TEST_GUARD_LOG = log;
  if (options.python) {
    out.PYTHONPATH = withPythonGuard(out.PYTHONPATH);
    out.PYTHONDONTWRITEBYTECODE ??= "1"; // no __pycache__ beside the guard
    out.AWS_EC2_METADATA_DISABLED ??= "true";
  }
  return out;
}

/** A `PYTHONPATH` value with the Python guard's directory first (so its `sitecustomize` loads). */
export function withPythonGuard(pythonPath = "") {
  const paths = pythonPath.split(":").filter((p) => p && p !== PYTHON_GUARD_DIR);
  return [PYTHON_GUARD_DIR, ...paths].join(":");
}

/** The guard's additions to one child environment (as `KEY=value` pairs or an env object). */
function addGuard(get, set) {
  const nodeOptions = get("NODE_OPTIONS")?.trim() ?? "";
  if (!nodeOptions.includes(IMPORT_FLAG)) set("NODE_OPTIONS", nodeOptions ? `${nodeOptions} ${IMPORT_FLAG}` : IMPORT_FLAG);
  set("PYTHONPATH", withPythonGuard(get("PYTHONPATH")));
  if (!get("PYTHONDONTWRITEBYTECODE")) set("PYTHONDONTWRITEBYTECODE", "1"); // no __pycache__ beside the guard
  const log = process.env.STREAMBED_TEST_GUARD_LOG;
  if (log && !get("STREAMBED_TEST_GUARD_LOG")) set("STREAMBED_TEST_GUARD_LOG", log);
}

const PATCHED = Symbol.for("streambed.loopbackGuard.childProcess");

/**
 * Makes every child process this process starts load the guard, even one given an explicit `env`:
 * `NODE_OPTIONS` gets `--import <guard>` and `PYTHONPATH` the Python guard (spawn, exec, execFile
 * and fork through `ChildProcess#spawn`; spawnSync, execSync and execFileSync through their
 * `options.env`). The child's guard sets the credential endpoints itself. Idempotent.
 */
export function guardChildProcesses() {
  if (globalThis[PATCHED]) return;
  globalThis[PATCHED] = true;
  const spawn = childProcess.ChildProcess.prototype.spawn;
  childProcess.ChildProcess.prototype.spawn = function guardedSpawn(options) {
    if (options && Array.isArray(options.envPairs)) {
      const pairs = options.envPairs;
      const index = (key) => pairs.findIndex((p) => p.startsWith(`${key}=`));
      addGuard(
        (key) => (index(key) >= 0 ? pairs[index(key)].slice(key.length + 1) : undefined),
        (key, value) => (index(key) >= 0 ? (pairs[index(key)] = `${key}=${value}`) : pairs.push(`${key}=${value}`)),
      );
    }
    return spawn.call(this, options);
  };
  for (const name of ["spawnSync", "execFileSync", "execSync"]) {
    const original = childProcess[name];
    childProcess[name] = function guardedSync(...args) {
      const at = args.findIndex((a, i) => i > 0 && a !== null && typeof a === "object" && !Array.isArray(a));
      const options = at >= 0 ? { ...args[at] } : {};
      const env = { ...(options.env ?? process.env) };
      addGuard((key) => env[key], (key, value) => (env[key] = value));
      options.env = env;
      if (at >= 0) args[at] = options;
      else args.push(options);
      return original.apply(this, args);
    };
  }
  syncBuiltinESMExports();
}
