import { describe, expect, it } from "vitest";
import { createCredentialChain, explicitCredentialSource } from "../credentials/index.js";
import type { Model } from "../types/index.js";
import { createClientContext } from "./client-context.js";
import { createClientSettings } from "./client-settings.js";

const transport = { send: () => Promise.reject(new Error("no request in this test")) };
const credentials = createCredentialChain([explicitCredentialSource({ accessKeyId: "AKIDEXAMPLE1234", secretAccessKey: "secret" })]);
const model = (id: string, extra: Partial<Model> = {}): Model =>
  ({ id, name: id, api: "bedrock-converse-stream", provider: "amazon-bedrock", reasoning: false, input: ["text"], cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 }, contextWindow: 1, maxTokens: 1, ...extra }) as Model;

describe("runtimeTargetNow", () => {
  it("is undefined until the settings and the config are loaded, then the same target runtimeTarget gives", async () => {
    let release!: (config: undefined) => void;
    const ctx = createClientContext({ transport, credentials, region: "us-west-2", config: () => new Promise((r) => (release = r)) });
    const target = createClientSettings(ctx);
    const models = [
      model("anthropic.claude-x"),
      model("arn:aws:bedrock:eu-west-1:123456789012:inference-profile/eu.anthropic.claude-x"),
      model("custom", { baseUrl: "https://proxy.example" }),
    ];
    expect(ctx.loadedConfig()).toBeUndefined();
    expect(target.runtimeTargetNow(models[0]!)).toBeUndefined();
    const pending = target.runtimeTarget(models[0]!);
    expect(target.runtimeTargetNow(models[0]!)).toBeUndefined();
    release(undefined);
    await pending;
    expect(ctx.loadedConfig()).toEqual({ config: undefined, configured: [] });
    for (const m of models) expect(target.runtimeTargetNow(m)).toEqual(await target.runtimeTarget(m));
    expect(target.runtimeTargetNow(models[1]!)).toEqual({ endpoint: "https://bedrock-runtime.eu-west-1.amazonaws.com", signingRegion: "eu-west-1" });
  });

  it("stays undefined after a failed config load, which the next call tries again", async () => {
    let calls = 0;
    const ctx = createClientContext({
      transport,
      credentials,
      region: "us-west-2",
      config: async () => {
        if (++calls === 1) throw new Error("config unreadable");
        return undefined;
      },
    });
    const target = createClientSettings(ctx);
    await expect(target.runtimeTarget(model("m"))).rejects.toThrow("config unreadable");
    expect(ctx.loadedConfig()).toBeUndefined();
    expect(target.runtimeTargetNow(model("m"))).toBeUndefined();
    expect(await target.runtimeTarget(model("m"))).toEqual({ endpoint: "https://bedrock-runtime.us-west-2.amazonaws.com", signingRegion: "us-west-2" });
    expect(target.runtimeTargetNow(model("m"))).toEqual({ endpoint: "https://bedrock-runtime.us-west-2.amazonaws.com", signingRegion: "us-west-2" });
  });
});
