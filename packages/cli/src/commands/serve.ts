import { stat } from "node:fs/promises";
import { createGateway, parseGatewayConfig, type GatewayConfig, type GatewayKey, type RateLimiter } from "@streambed/gateway";
import { createPrometheusMetrics, createRedisLimiter, serveGateway } from "@streambed/gateway/node";
import { readRawConfigFile } from "@streambed/node/internal";
import { createBedrock } from "streambed";
import { EXIT_FAILURE, EXIT_OK } from "../exit-codes.js";
import type { CliIo } from "../io.js";
import { formatError, reportCommandError } from "../report-error.js";
import { untilStopSignal } from "../stop-signal.js";
import { gatewayConfigFile } from "./gateway-keys.js";

/** Options of `streambed serve`. */
export interface ServeOptions {
  port: number;
  host: string;
  config?: string;
  redis?: string;
}

/** How often the config file is looked at for new or revoked keys. */
const RELOAD_MS = 2000;

/** `redis://user:password@host` → `redis://user:****@host`, for messages. */
function maskUrl(url: string): string {
  return url.replace(/\/\/([^:@/]*):([^@/]*)@/, "//$1:****@");
}

/**
 * Keeps the gateway's keys in step with the config file: looked at every {@link RELOAD_MS}, read
 * again when its modification time changes. An invalid file keeps the keys in use (and says so).
 */
function watchKeys(io: CliIo, file: string, first: GatewayConfig, mtime: number): { keys: () => readonly GatewayKey[]; stop(): void } {
  let keys = first.keys;
  let seen = mtime;
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    void (async () => {
      try {
        const now = (await stat(file).catch(() => undefined))?.mtimeMs ?? 0;
        if (now === seen) return;
        seen = now;
        keys = parseGatewayConfig(await readRawConfigFile(file), file).keys;
        io.stderr.write(`Keys reloaded from ${file}: ${keys.length}.\n`);
      } catch (error) {
        io.stderr.write(`${formatError(error, io.env)}\nKept the ${keys.length} keys in use.\n`);
      } finally {
        busy = false;
      }
    })();
  }, RELOAD_MS);
  timer.unref();
  return { keys: () => keys, stop: () => clearInterval(timer) };
}

/**
 * `streambed serve [--port 8080] [--host 127.0.0.1] [--config file] [--redis URL]`: the
 * OpenAI-compatible gateway. Keys and settings from the config file's `gateway` section, AWS
 * credentials from streambed's chain; limits in memory, or in Redis shared by every replica; one
 * JSON access-log line per request on stdout. SIGTERM / SIGINT: stop accepting, drain streams up
 * to `gateway.drainTimeoutMs` (30 s), exit 0.
 */
export async function runServe(io: CliIo, options: ServeOptions): Promise<number> {
  const file = gatewayConfigFile(io, options.config);
  let config: GatewayConfig;
  let mtime = 0;
  try {
    mtime = (await stat(file).catch(() => undefined))?.mtimeMs ?? 0;
    config = parseGatewayConfig(await readRawConfigFile(file), file);
  } catch (error) {
    return reportCommandError(io, error);
  }
  const env = options.config === undefined ? io.env : { ...io.env, STREAMBED_CONFIG: file };
  const bedrock = createBedrock({ env });
  const limiter: RateLimiter | undefined = options.redis ? createRedisLimiter({ url: options.redis }) : undefined;
  try {
    await limiter?.ready?.();
  } catch (error) {
    await limiter?.close?.();
    io.stderr.write(`GatewayError: could not reach Redis at ${maskUrl(options.redis ?? "")}: ${formatError(error, io.env, [options.redis ?? ""])}. Check --redis (redis://host:6379).\n`);
    return EXIT_FAILURE;
  }
  const watcher = watchKeys(io, file, config, mtime);
  const gateway = createGateway({
    bedrock,
    keys: watcher.keys,
    ...(limiter ? { limiter } : {}),
    metrics: createPrometheusMetrics(),
    remoteImages: config.remoteImages,
    ...(config.maxBodyBytes !== undefined ? { maxBodyBytes: config.maxBodyBytes } : {}),
    log: (entry) => void io.stdout.write(`${JSON.stringify(entry)}\n`),
    onInternalError: (error) => void io.stderr.write(`${formatError(error, io.env)}\n`),
  });
  let server;
  try {
    server = await serveGateway(gateway, { port: options.port, host: options.host, ...(config.drainTimeoutMs !== undefined ? { drainTimeoutMs: config.drainTimeoutMs } : {}) });
  } catch (error) {
    watcher.stop();
    await limiter?.close?.();
    await bedrock.close();
    const code = (error as NodeJS.ErrnoException).code;
    io.stderr.write(`GatewayError: could not listen on ${options.host}:${options.port}: ${code === "EADDRINUSE" ? "the port is in use; pick another with --port" : (error as Error).message}.\n`);
    return EXIT_FAILURE;
  }
  io.stderr.write(
    `streambed gateway listening on ${server.url} (OpenAI-compatible: ${server.url}/v1; ${config.keys.length} key${config.keys.length === 1 ? "" : "s"} from ${file}; ` +
      `limits ${options.redis ? `in Redis ${maskUrl(options.redis)}` : "in memory"}; /metrics, /healthz)\n`,
  );
  if (config.keys.length === 0) io.stderr.write("No keys yet: every request gets 401. Make one with streambed gateway keys create --name <name>.\n");
  await untilStopSignal();
  io.stderr.write(`Draining ${gateway.activeCalls} call${gateway.activeCalls === 1 ? "" : "s"} in flight…\n`);
  await server.close();
  watcher.stop();
  await limiter?.close?.();
  await bedrock.close();
  io.stderr.write("Gateway stopped.\n");
  return EXIT_OK;
}
