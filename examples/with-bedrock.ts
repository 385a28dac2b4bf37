/**
 * Shared by the examples: a streambed client pointed at the local emulator (default), or at real
 * Amazon Bedrock when STREAMBED_EXAMPLES_USE_AWS=1 (then credentials, region and endpoint come from
 * the environment as usual).
 */
import { DEMO_CREDENTIALS, startEmulator, type EmulatorOptions } from "@streambed/emulator";
import { createBedrock, type BedrockClient, type BedrockOptions } from "streambed";

export interface ExampleTarget {
  bedrock: BedrockClient;
  /** Model id to use: a Claude inference profile on the emulator, overridable with STREAMBED_MODEL. */
  model: string;
  usingEmulator: boolean;
  close(): Promise<void>;
}

/** Emulator settings for the examples: e.g. `{ tokensPerSecond: 60, script }` to pace or script replies. */
export type ExampleEmulatorOptions = Omit<EmulatorOptions, "credentials">;

export async function withBedrock(options: BedrockOptions = {}, emulatorOptions: ExampleEmulatorOptions = {}): Promise<ExampleTarget> {
  const model = process.env.STREAMBED_MODEL ?? "us.anthropic.claude-sonnet-4-6";
  if (process.env.STREAMBED_EXAMPLES_USE_AWS === "1") {
    const bedrock = createBedrock(options);
    return { bedrock, model, usingEmulator: false, close: () => bedrock.close() };
  }
  const emulator = await startEmulator({ tokensPerSecond: 0, ...emulatorOptions, credentials: [DEMO_CREDENTIALS] });
  const bedrock = createBedrock({
    region: "us-east-1",
    endpoint: emulator.url,
    controlPlaneEndpoint: emulator.url,
    credentials: DEMO_CREDENTIALS,
    config: false,
    discoveryCache: "memory",
    ...options,
  });
  return {
    bedrock,
    model,
    usingEmulator: true,
    close: async () => {
      await bedrock.close();
      await emulator.close();
    },
  };
}
