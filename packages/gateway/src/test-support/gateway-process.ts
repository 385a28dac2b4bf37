/**
 * Test support: one gateway replica as its own process (run with `node --import tsx`), limits in
 * Redis. Env: GW_EMULATOR_URL, GW_REDIS_URL, GW_KEYS (JSON GatewayKey[]), GW_NOW (a fixed clock
 * for the limiter, so replicas share one window whatever the time). Prints `listening <url>`;
 * SIGTERM stops it.
 */
import { DEMO_CREDENTIALS } from "@streambed/emulator";
import { createBedrock } from "streambed";
import { createGateway } from "../create-gateway.js";
import type { GatewayKey } from "../keys/gateway-key.js";
import { createRedisLimiter } from "../node/redis-limiter.js";
import { serveGateway } from "../node/serve-gateway.js";

const env = process.env;
const bedrock = createBedrock({
  region: "us-east-1",
  endpoint: env.GW_EMULATOR_URL!,
  credentials: DEMO_CREDENTIALS,
  config: false,
  env: { AWS_EC2_METADATA_DISABLED: "true" },
  retry: false,
});
const fixed = Number(env.GW_NOW);
const limiter = createRedisLimiter({ url: env.GW_REDIS_URL!, now: () => fixed });
const gateway = createGateway({ bedrock, keys: JSON.parse(env.GW_KEYS!) as GatewayKey[], limiter });
const server = await serveGateway(gateway, { port: 0 });
process.stdout.write(`listening ${server.url}\n`);
process.once("SIGTERM", () => {
  void (async () => {
    await server.close();
    await limiter.close?.();
    await bedrock.close();
    process.exit(0);
  })();
});
