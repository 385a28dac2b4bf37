// The AWS SDK for JavaScript v3 (@aws-sdk/client-bedrock-runtime, @aws-sdk/client-bedrock) against the loopback emulator, request verification on.
import {
  BedrockClient,
  GetFoundationModelCommand,
  GetInferenceProfileCommand,
  ListFoundationModelsCommand,
  ListInferenceProfilesCommand,
} from "@aws-sdk/client-bedrock";
import { BedrockRuntimeClient, ConverseCommand, ConverseStreamCommand } from "@aws-sdk/client-bedrock-runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../src/server.js";
import { TEST_KEYS } from "./helpers.js";

const SONNET = "us.anthropic.claude-sonnet-4-5-20250929-v1:0";
let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ credentials: [TEST_KEYS] });
});
afterAll(() => emulator.close());

describe("@aws-sdk clients against the loopback emulator (verification on)", () => {
  const runtime = (secret = TEST_KEYS.secretAccessKey) =>
    new BedrockRuntimeClient({
      region: "us-east-1",
      endpoint: emulator.url,
      credentials: { accessKeyId: TEST_KEYS.accessKeyId, secretAccessKey: secret },
      maxAttempts: 1,
    });

  it("ConverseStreamCommand streams the events; ConverseCommand returns the message", async () => {
    const client = runtime();
    const response = await client.send(
      new ConverseStreamCommand({ modelId: SONNET, messages: [{ role: "user", content: [{ text: "hello from the AWS SDK" }] }] }),
    );
    const types: string[] = [];
    let text = "";
    for await (const event of response.stream!) {
      const type = Object.keys(event).find((k) => (event as unknown as Record<string, unknown>)[k] !== undefined)!;
      types.push(type);
      text += event.contentBlockDelta?.delta?.text ?? "";
    }
    expect(types[0]).toBe("messageStart");
    expect(types.slice(-2)).toEqual(["messageStop", "metadata"]);
    expect(text).toBe("hello from the AWS SDK");

    const converse = await client.send(new ConverseCommand({ modelId: SONNET, messages: [{ role: "user", content: [{ text: "once" }] }] }));
    expect(converse.output?.message?.content?.[0]?.text).toBe("once");
    expect(converse.usage?.totalTokens).toBeGreaterThan(0);
    client.destroy();
  });

  it("ConverseStreamCommand throws the modeled exception from an exception frame", async () => {
    const client = runtime();
    client.middlewareStack.add(
      (next) => async (args) => {
        (args.request as { headers: Record<string, string> }).headers["x-streambed-emulator-fault"] = "modelStreamErrorException";
        return next(args);
      },
      { step: "build" },
    );
    const response = await client.send(new ConverseStreamCommand({ modelId: SONNET, messages: [{ role: "user", content: [{ text: "a b c d" }] }] }));
    const error = await (async () => {
      for await (const _ of response.stream!) void _;
    })().then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.name).toBe("ModelStreamErrorException");
    client.destroy();
  });

  it("ListFoundationModelsCommand and ListInferenceProfilesCommand", async () => {
    const client = new BedrockClient({ region: "us-east-1", endpoint: emulator.url, credentials: TEST_KEYS, maxAttempts: 1 });
    const models = await client.send(new ListFoundationModelsCommand({ byProvider: "Anthropic" }));
    expect(models.modelSummaries!.length).toBeGreaterThan(3);
    expect(models.modelSummaries!.every((m) => m.providerName === "Anthropic")).toBe(true);
    expect(models.modelSummaries![0]!.modelLifecycle?.status).toBeDefined();
    const profiles = await client.send(new ListInferenceProfilesCommand({ maxResults: 4, typeEquals: "SYSTEM_DEFINED" }));
    expect(profiles.inferenceProfileSummaries).toHaveLength(4);
    expect(profiles.inferenceProfileSummaries![0]!.createdAt).toBeInstanceOf(Date);
    expect(profiles.nextToken).toBeTruthy();
    client.destroy();
  });

  it("GetFoundationModelCommand and GetInferenceProfileCommand (ids and ARNs); unknown ids get the modeled exceptions", async () => {
    const client = new BedrockClient({ region: "us-east-1", endpoint: emulator.url, credentials: TEST_KEYS, maxAttempts: 1 });
    const model = await client.send(new GetFoundationModelCommand({ modelIdentifier: "anthropic.claude-haiku-4-5-20251001-v1:0" }));
    expect(model.modelDetails).toMatchObject({ modelId: "anthropic.claude-haiku-4-5-20251001-v1:0", inferenceTypesSupported: ["INFERENCE_PROFILE"] });
    const profile = await client.send(new GetInferenceProfileCommand({ inferenceProfileIdentifier: "us.anthropic.claude-haiku-4-5-20251001-v1:0" }));
    expect(profile.inferenceProfileId).toBe("us.anthropic.claude-haiku-4-5-20251001-v1:0");
    expect(profile.createdAt).toBeInstanceOf(Date);
    const byArn = await client.send(new GetInferenceProfileCommand({ inferenceProfileIdentifier: profile.inferenceProfileArn! }));
    expect(byArn.inferenceProfileId).toBe(profile.inferenceProfileId);
    const noModel = await client.send(new GetFoundationModelCommand({ modelIdentifier: "acme.none-v1:0" })).catch((e: Error) => e);
    expect((noModel as Error).name).toBe("ValidationException");
    const noProfile = await client.send(new GetInferenceProfileCommand({ inferenceProfileIdentifier: "apac.amazon.nova-pro-v1:0" })).catch((e: Error) => e);
    expect((noProfile as Error).name).toBe("ResourceNotFoundException");
    client.destroy();
  });

  it("ConverseCommand throws the modeled ValidationException with Bedrock's message", async () => {
    const client = runtime(TEST_KEYS.secretAccessKey);
    const messages = [
      { role: "user" as const, content: [{ text: "one" }] },
      { role: "user" as const, content: [{ text: "two" }] },
    ];
    const error = await client.send(new ConverseCommand({ modelId: SONNET, messages })).then(
      () => undefined,
      (e: unknown) => e as Error & { $metadata?: { httpStatusCode?: number } },
    );
    expect(error?.name).toBe("ValidationException");
    expect(error?.$metadata?.httpStatusCode).toBe(400);
    expect(error?.message).toBe(
      "A conversation must alternate between user and assistant roles. Make sure the conversation alternates between user and assistant roles and try again.",
    );
    client.destroy();
  });

  it("an unknown model id gets the modeled ValidationException; lenient: true echoes it", async () => {
    const client = runtime();
    const send = () => client.send(new ConverseCommand({ modelId: "acme.no-such-model-v1:0", messages: [{ role: "user", content: [{ text: "hi" }] }] }));
    const error = await send().then(
      () => undefined,
      (e: unknown) => e as Error & { $metadata?: { httpStatusCode?: number } },
    );
    expect(error?.name).toBe("ValidationException");
    expect(error?.$metadata?.httpStatusCode).toBe(400);
    expect(error?.message).toBe("The provided model identifier is invalid.");
    client.destroy();
    const lenient = await startEmulator({ credentials: [TEST_KEYS], lenient: true });
    try {
      const any = new BedrockRuntimeClient({ region: "us-east-1", endpoint: lenient.url, credentials: TEST_KEYS, maxAttempts: 1 });
      const ok = await any.send(new ConverseCommand({ modelId: "acme.no-such-model-v1:0", messages: [{ role: "user", content: [{ text: "any id" }] }] }));
      expect(ok.output?.message?.content?.[0]?.text).toBe("any id");
      any.destroy();
    } finally {
      await lenient.close();
    }
  });

  it("a wrong secret gets 403 InvalidSignatureException", async () => {
    const client = runtime("wrong-secret");
    const error = await client
      .send(new ConverseStreamCommand({ modelId: SONNET, messages: [{ role: "user", content: [{ text: "x" }] }] }))
      .then(
        () => undefined,
        (e: unknown) => e as Error & { $metadata?: { httpStatusCode?: number } },
      );
    expect(error?.name).toBe("InvalidSignatureException");
    expect(error?.$metadata?.httpStatusCode).toBe(403);
    expect(error?.message).not.toContain("wrong-secret");
    client.destroy();
  });
});
