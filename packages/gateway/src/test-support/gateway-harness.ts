import { DEMO_CREDENTIALS, startEmulator, type RunningEmulator, type StartEmulatorOptions } from "@streambed/emulator";
import OpenAI from "openai";
import { createBedrock, type BedrockOptions } from "streambed";
import { createGateway, type GatewayApp } from "../create-gateway.js";
import type { GatewayOptions } from "../gateway-options.js";
import { generateKey, type GatewayKey } from "../keys/gateway-key.js";
import type { AccessLogEntry } from "../metrics/gateway-metrics.js";
import { serveGateway, type RunningGateway } from "../node/serve-gateway.js";

/** A gateway on loopback in front of the emulator, with one key, for tests. */
export interface GatewayHarness {
  emulator: RunningEmulator;
  gateway: GatewayApp;
  server: RunningGateway;
  /** The key clients use, and its stored record. */
  key: string;
  record: GatewayKey;
  keys: GatewayKey[];
  log: AccessLogEntry[];
  /** An official openai client pointed at the gateway (no retries unless asked). */
  openai(options?: { apiKey?: string; maxRetries?: number }): OpenAI;
  close(): Promise<void>;
}

/** The streambed client of the tests: the emulator, demo credentials, no config file, no retries. */
export function emulatorBedrock(emulator: RunningEmulator, options: Partial<BedrockOptions> = {}) {
  return createBedrock({
    region: "us-east-1",
    endpoint: emulator.url,
    controlPlaneEndpoint: emulator.url,
    credentials: DEMO_CREDENTIALS,
    config: false,
    discoveryCache: "memory",
    env: { AWS_EC2_METADATA_DISABLED: "true" },
    retry: false,
    ...options,
  });
}

/**
 * The tests' default emulator script: a prompt `behave <behaviour> [tps <n>]` (e.g. `behave lorem:400
 * tps 20`) gets that built-in behaviour at that pace (client headers are not forwarded by the gateway).
 */
export function behaveScript(info: { lastUserText: string }) {
  const match = /^behave (\S+)(?: tps (\d+))?$/.exec(info.lastUserText);
  if (!match) return undefined;
  return { behaviour: match[1]!, ...(match[2] ? { tokensPerSecond: Number(match[2]) } : {}) };
}

/** Starts the emulator, a gateway with one key (`limits` on it) and its server on a free port. */
export async function startHarness(
  options: { emulator?: StartEmulatorOptions; gateway?: Partial<GatewayOptions>; limits?: Pick<GatewayKey, "models" | "rpm" | "tpm">; bedrock?: Partial<BedrockOptions> } = {},
): Promise<GatewayHarness> {
  const emulator = await startEmulator({ credentials: [DEMO_CREDENTIALS], script: behaveScript, ...options.emulator });
  const bedrock = emulatorBedrock(emulator, options.bedrock);
  const { key, record } = await generateKey("team-a", options.limits);
  const keys = [record];
  const log: AccessLogEntry[] = [];
  const gateway = createGateway({ bedrock, keys: () => keys, log: (e) => log.push(e), ...options.gateway });
  const server = await serveGateway(gateway, { port: 0, drainTimeoutMs: 2000 });
  return {
    emulator,
    gateway,
    server,
    key,
    record,
    keys,
    log,
    openai: (o = {}) => new OpenAI({ apiKey: o.apiKey ?? key, baseURL: `${server.url}/v1`, maxRetries: o.maxRetries ?? 0, timeout: 20_000 }),
    async close() {
      await server.close();
      await bedrock.close();
      await emulator.close();
    },
  };
}

/** POSTs JSON to the gateway with the harness key; the raw Response. */
export function post(h: GatewayHarness, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${h.server.url}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${h.key}`, "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
}

/** The `data:` payloads of an SSE body, in order (`[DONE]` kept as the string). */
export function sseData(text: string): string[] {
  return text
    .split("\n\n")
    .filter((block) => block.trim() !== "")
    .map((block) => {
      const lines = block.split("\n").filter((l) => l.startsWith("data: "));
      return lines.map((l) => l.slice(6)).join("\n");
    });
}
