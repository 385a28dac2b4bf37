/**
 * streambed test guard: no test, example run or child process of one may open a connection that
 * leaves loopback. Importing this module (vitest `setupFiles` through ./vitest-setup.mjs, or
 * `node --import <this file>` in a child process) does two things, once per process:
 *
 * 1. Points every AWS credential endpoint that is not set yet at a refused loopback port
 *    (`http://127.0.0.1:9`): the EC2 instance metadata service and the STS / SSO / SSO OIDC / Signin
 *    APIs the credential providers call. No source is switched on by this (they only say *where*
 *    a source would ask); `AWS_CONTAINER_CREDENTIALS_*` are never set here, as that would enable
 *    the container source.
 * 2. Refuses, before any DNS query or packet, every TCP connection (`net.Socket#connect`, which
 *    net, tls, http, https, http2, undici and Node's fetch all go through), UDP send/connect and DNS
 *    query (`dns.lookup`, `dns.lookupService`, resolver queries unless every server is on loopback)
 *    that is not for loopback: 127.0.0.0/8, ::1, `localhost` or a unix socket. A name is resolved
 *    only by a lookup the test supplies itself (the `lookup` option or a stubbed `dns.lookup`), and
 *    every address it answers must be loopback too. A refused socket is destroyed with an error
 *    whose code is `ERR_STREAMBED_NON_LOOPBACK`. Every attempt is kept in `loopbackGuardAttempts()`,
 *    appended to the file `STREAMBED_TEST_GUARD_LOG` names (if set) and written to stderr (except
 *    in a vitest worker), so a test that swallows the error still fails (vitest-setup.mjs checks
 *    after each test).
 *
 * There is no switch to turn it off: tests must not leave loopback.
 */
import dgram from "node:dgram";
import dns from "node:dns";
import { appendFileSync } from "node:fs";
import { syncBuiltinESMExports } from "node:module";
import net from "node:net";
import { NEUTRALISED_ENDPOINT_VARS, neutraliseCredentialEndpoints, REFUSED_ENDPOINT } from "./endpoints.mjs";

export { NEUTRALISED_ENDPOINT_VARS, neutraliseCredentialEndpoints, REFUSED_ENDPOINT };

/** The `code` of every error the guard raises. */
export const GUARD_ERROR_CODE = "ERR_STREAMBED_NON_LOOPBACK";
const STATE = Symbol.for("streambed.loopbackGuard");
const ALLOWED = "tests may only use loopback (127.0.0.1/::1/localhost)";

const loopback = new net.BlockList();
loopback.addSubnet("127.0.0.0", 8, "ipv4");
loopback.addAddress("::1", "ipv6");
loopback.addSubnet("::ffff:127.0.0.0", 104, "ipv6");

/** True for 127.0.0.0/8, ::1 and ::ffff:127.x.y.z (brackets allowed); false for any name. */
export function isLoopbackAddress(address) {
  const ip = String(address).replace(/^\[(.*)\]$/, "$1");
  const type = net.isIP(ip);
  return type !== 0 && loopback.check(ip, type === 4 ? "ipv4" : "ipv6");
}

/** A host a test may connect to: a loopback address or `localhost` (its addresses are checked on lookup). */
export function isLoopbackHost(host) {
  const name = String(host).toLowerCase().replace(/\.$/, "");
  return name === "localhost" || isLoopbackAddress(name);
}

/** Every refused attempt in this process so far: `{ what, target, message, stack, pid, expected? }`. */
export function loopbackGuardAttempts() {
  return globalThis[STATE]?.attempts ?? [];
}

/**
 * Whether each refusal is also written to stderr (default on). vitest-setup.mjs turns it off in a
 * test worker, where the failing test reports the attempts itself; child processes keep it.
 */
export function reportLoopbackGuardAttemptsOnStderr(on) {
  globalThis[STATE].stderr = Boolean(on);
}

/**
 * For the guard's own tests only: marks the refused attempts whose target contains `target` as
 * deliberate, so that vitest-setup.mjs does not fail the test for them (they were refused all the
 * same). Returns them.
 */
export function acknowledgeLoopbackGuardAttempts(target) {
  const matching = loopbackGuardAttempts().filter((a) => !a.expected && a.target.includes(target));
  for (const a of matching) a.expected = true;
  return matching;
}

function hostPort(host, port) {
  const h = net.isIPv6(String(host)) ? `[${host}]` : String(host);
  return port === undefined || port === null || port === "" ? h : `${h}:${port}`;
}

/** Records the attempt (memory, stderr, log file) and returns the error to raise. */
function refuse(what, target) {
  const message = `streambed test guard: ${what} ${target} refused — ${ALLOWED}`;
  const error = Object.assign(new Error(message), { code: GUARD_ERROR_CODE, target });
  const stack = (error.stack ?? "").split("\n").slice(1).filter((l) => !l.includes("loopback-guard.mjs")).slice(0, 8).join("\n");
  const attempt = { what, target, message, stack, pid: process.pid };
  globalThis[STATE].attempts.push(attempt);
  if (globalThis[STATE].stderr) {
    try {
      process.stderr.write(`${message}\n`);
    } catch {
      // stderr closed: the attempt is still recorded
    }
  }
  const log = process.env.STREAMBED_TEST_GUARD_LOG;
  if (log) {
    try {
      appendFileSync(log, `${JSON.stringify({ ...attempt, argv: process.argv.slice(1, 3) })}\n`);
    } catch {
      // the log's directory is gone (the test that made it has ended): stderr has it
    }
  }
  return error;
}

/** Wraps a `dns.lookup`-style function so that a name resolving outside loopback fails. */
function loopbackOnlyLookup(lookup, target) {
  return function guardedLookup(hostname, options, callback) {
    if (typeof options === "function") {
      callback = options;
      options = {};
    }
    lookup(hostname, options, (error, address, family) => {
      if (error) return callback(error, address, family);
      const addresses = Array.isArray(address) ? address.map((a) => a.address) : [address];
      const outside = addresses.find((a) => !isLoopbackAddress(a));
      if (outside !== undefined) return callback(refuse("connection to", `${target} (resolved to ${outside})`));
      callback(null, address, family);
    });
  };
}

/** The host and port `net.Socket#connect` was called with, or `{ path }` for a unix socket / pipe. */
function connectTarget(args) {
  let first = args[0];
  if (Array.isArray(first)) first = first[0]; // net.connect's already-normalised [options, cb]
  if (first !== null && typeof first === "object") {
    if (first.path != null && first.path !== "") return { path: first.path, options: first };
    return { host: first.host ?? "localhost", port: first.port, options: first };
  }
  if (typeof first === "string" && !/^\d+$/.test(first)) return { path: first };
  return { host: typeof args[1] === "string" ? args[1] : "localhost", port: first };
}

/** The guard's `dns.lookup` (set by guardDns). */
let guardedDnsLookup;

function guardTcp() {
  const connect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function guardedConnect(...args) {
    const target = connectTarget(args);
    if (target.path !== undefined) return connect.apply(this, args);
    const where = hostPort(target.host, target.port);
    const isAddress = net.isIP(String(target.host).replace(/^\[(.*)\]$/, "$1")) !== 0;
    const lookup = target.options?.lookup ?? dns.lookup;
    // Refused here, before any lookup: a non-loopback address, or a name only the real resolver could
    // answer. A name with a lookup of the test's own (an option, or a stubbed dns.lookup) goes on:
    // that lookup's answer is checked below, and any real query it makes is guarded too.
    if (isAddress ? !isLoopbackAddress(target.host) : !isLoopbackHost(target.host) && lookup === guardedDnsLookup) {
      const error = refuse("connection to", where);
      process.nextTick(() => this.destroy(error));
      return this;
    }
    if (isAddress) return connect.apply(this, args);
    // A name: check what it resolves to before connecting.
    const callback = (Array.isArray(args[0]) ? args[0] : args).find((a) => typeof a === "function");
    const given = target.options ?? { port: target.port, host: target.host };
    const options = { ...given, lookup: loopbackOnlyLookup(lookup, where) };
    return callback ? connect.call(this, options, callback) : connect.call(this, options);
  };
}

function guardUdp() {
  const { send, connect } = dgram.Socket.prototype;
  const check = (socket, port, address) => {
    const host = typeof address === "string" ? address : socket.type === "udp6" ? "::1" : "127.0.0.1";
    return isLoopbackHost(host) ? undefined : refuse("UDP datagram to", hostPort(host, port));
  };
  dgram.Socket.prototype.send = function guardedSend(msg, ...rest) {
    // send(msg[, offset, length][, port][, address][, callback]); a connected socket has no port.
    const withRange = typeof rest[0] === "number" && typeof rest[1] === "number" && (typeof rest[2] === "number" || typeof rest[2] === "string");
    const [port, address] = withRange ? [rest[2], rest[3]] : [rest[0], rest[1]];
    if (typeof port === "number" || (typeof port === "string" && /^\d+$/.test(port))) {
      const error = check(this, port, address);
      if (error) {
        const callback = [...rest].reverse().find((a) => typeof a === "function");
        process.nextTick(() => (callback ? callback(error) : this.emit("error", error)));
        return;
      }
    }
    return send.call(this, msg, ...rest);
  };
  dgram.Socket.prototype.connect = function guardedConnect(port, address, callback) {
    const error = check(this, port, address);
    if (error) {
      const cb = typeof address === "function" ? address : callback;
      process.nextTick(() => (cb ? cb(error) : this.emit("error", error)));
      return;
    }
    return connect.call(this, port, address, callback);
  };
}

/** A DNS query leaves the machine unless every server of the resolver is on loopback. */
function serversAreLoopback(resolver) {
  try {
    return resolver.getServers().every((s) => isLoopbackAddress(s.replace(/^\[(.*)\](:\d+)?$/, "$1").replace(/^([\d.]+):\d+$/, "$1")));
  } catch {
    return false;
  }
}

const RESOLVE_METHODS = ["resolve", "resolve4", "resolve6", "resolveAny", "resolveCaa", "resolveCname", "resolveMx", "resolveNaptr", "resolveNs", "resolvePtr", "resolveSoa", "resolveSrv", "resolveTxt", "reverse"];

function guardDns() {
  const { lookup, lookupService } = dns;
  const refuseLookup = (hostname) => refuse("DNS lookup of", String(hostname));
  dns.lookup = guardedDnsLookup = function guardedLookup(hostname, options, callback) {
    const cb = typeof options === "function" ? options : callback;
    if (hostname && !isLoopbackHost(hostname) && !net.isIP(String(hostname))) {
      const error = refuseLookup(hostname);
      if (typeof cb === "function") process.nextTick(() => cb(error));
      return {};
    }
    return lookup.call(this, hostname, options, callback);
  };
  dns.lookupService = function guardedLookupService(address, port, callback) {
    if (!isLoopbackAddress(address)) {
      const error = refuse("reverse DNS lookup of", String(address));
      if (typeof callback === "function") process.nextTick(() => callback(error));
      return {};
    }
    return lookupService.call(this, address, port, callback);
  };
  const promises = dns.promises;
  const { lookup: lookupP, lookupService: lookupServiceP } = promises;
  promises.lookup = async function guardedLookup(hostname, options) {
    if (hostname && !isLoopbackHost(hostname) && !net.isIP(String(hostname))) throw refuseLookup(hostname);
    return lookupP.call(this, hostname, options);
  };
  promises.lookupService = async function guardedLookupService(address, port) {
    if (!isLoopbackAddress(address)) throw refuse("reverse DNS lookup of", String(address));
    return lookupServiceP.call(this, address, port);
  };

  // Resolver queries (c-ares) go to the configured DNS servers whatever the name.
  for (const [module, isPromise] of [
    [dns, false],
    [promises, true],
  ]) {
    const queryRefused = (self, args) => {
      if (serversAreLoopback(self)) return undefined;
      const error = refuse("DNS query for", String(args[0]));
      if (isPromise) return Promise.reject(error);
      const cb = args.findLast((a) => typeof a === "function");
      if (cb) process.nextTick(() => cb(error));
      return {};
    };
    for (const name of RESOLVE_METHODS) {
      const method = module.Resolver.prototype[name];
      if (typeof method === "function") {
        module.Resolver.prototype[name] = function guardedQuery(...args) {
          return queryRefused(this, args) ?? method.apply(this, args);
        };
      }
      // The module-level functions are bound to Node's default resolver at load.
      const bound = module[name];
      if (typeof bound === "function") {
        module[name] = function guardedQuery(...args) {
          return queryRefused(module, args) ?? bound.apply(this, args);
        };
      }
    }
  }
}

function install() {
  if (globalThis[STATE]) return;
  globalThis[STATE] = { attempts: [], stderr: true };
  neutraliseCredentialEndpoints(process.env);
  guardTcp();
  guardUdp();
  guardDns();
  syncBuiltinESMExports();
}

install();
