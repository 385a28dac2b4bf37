/**
 * The worker of the workerd test: the same gateway app, built with streambed's edge build (the
 * `workerd` export condition), credentials and the key's hash from bindings.
 */
import { createGateway, type GatewayApp } from "@streambed/gateway";
import { createBedrock } from "streambed";

interface Env {
  EMULATOR_URL: string;
  AWS_ACCESS_KEY_ID: string;
  AWS_SECRET_ACCESS_KEY: string;
  KEY_HASH: string;
}

let gateway: GatewayApp | undefined;

export default {
  fetch(request: Request, env: Env): Promise<Response> | Response {
    gateway ??= createGateway({
      bedrock: createBedrock({
        region: "us-east-1",
        endpoint: env.EMULATOR_URL,
        credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY },
        config: false,
      }),
      keys: [{ id: "key_0000edge00", name: "edge", hash: env.KEY_HASH }],
    });
    return gateway.fetch(request);
  },
};
