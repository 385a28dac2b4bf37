import { setupServer } from "msw/node";
import { describe, expect, it } from "vitest";
import { converseBody, signedRequest, TEST_KEYS } from "../test/helpers.js";
import { createBedrockHandlers } from "./handlers.js";
import { CONTROL, RUNTIME, setupMswEmulator, SONNET } from "./handlers.test-helper.js";

const { server, recorded, converse } = setupMswEmulator();

describe("catalogue (MSW)", () => {
  it("lists foundation models with Bedrock's fields and filters", async () => {
    const all = (await (await fetch(`${CONTROL}/foundation-models`)).json()) as { modelSummaries: Array<Record<string, any>> };
    expect(all.modelSummaries.length).toBeGreaterThan(15);
    const sonnet = all.modelSummaries.find((m) => m["modelId"] === "anthropic.claude-sonnet-4-5-20250929-v1:0")!;
    expect(sonnet).toMatchObject({
      modelArn: "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0",
      providerName: "Anthropic",
      inputModalities: ["TEXT", "IMAGE"],
      outputModalities: ["TEXT"],
      responseStreamingSupported: true,
      inferenceTypesSupported: ["INFERENCE_PROFILE"],
      modelLifecycle: { status: "ACTIVE" },
    });
    expect(all.modelSummaries.some((m) => m["modelLifecycle"].status === "LEGACY")).toBe(true);
    expect(all.modelSummaries.some((m) => m["responseStreamingSupported"] === false && m["outputModalities"][0] === "TEXT")).toBe(true);
    const q = async (query: string) =>
      ((await (await fetch(`${CONTROL}/foundation-models?${query}`)).json()) as { modelSummaries: Array<Record<string, any>> }).modelSummaries;
    expect((await q("byProvider=anthropic")).every((m) => m["providerName"] === "Anthropic")).toBe(true);
    expect((await q("byOutputModality=EMBEDDING")).map((m) => m["modelId"]).sort()).toEqual(["amazon.titan-embed-text-v2:0", "cohere.embed-english-v3"]);
    expect((await q("byOutputModality=IMAGE")).map((m) => m["modelId"])).toEqual(["amazon.titan-image-generator-v2:0"]);
    expect((await q("byInferenceType=ON_DEMAND")).some((m) => m["modelId"].startsWith("anthropic.claude-sonnet-4-5"))).toBe(false);
    expect((await q("byCustomizationType=DISTILLATION")).length).toBeGreaterThan(0);
    const bad = await fetch(`${CONTROL}/foundation-models?byOutputModality=VIDEO`);
    expect(bad.status).toBe(400);
  });

  it("lists inference profiles with pagination and type filter", async () => {
    const page = async (query: string) =>
      (await (await fetch(`${CONTROL}/inference-profiles?${query}`)).json()) as { inferenceProfileSummaries: Array<Record<string, any>>; nextToken?: string };
    const all = await page("");
    expect(all.nextToken).toBeUndefined();
    const ids = all.inferenceProfileSummaries.map((p) => p["inferenceProfileId"]);
    expect(ids).toContain(SONNET);
    expect(ids).toContain("global.anthropic.claude-sonnet-4-5-20250929-v1:0");
    expect(ids.some((id) => id.startsWith("eu."))).toBe(false);
    const first = all.inferenceProfileSummaries.find((p) => p["inferenceProfileId"] === SONNET)!;
    expect(first).toMatchObject({
      inferenceProfileArn: `arn:aws:bedrock:us-east-1:123456789012:inference-profile/${SONNET}`,
      status: "ACTIVE",
      type: "SYSTEM_DEFINED",
      models: expect.arrayContaining([{ modelArn: "arn:aws:bedrock:us-east-2::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0" }]),
    });
    const collected: string[] = [];
    let token: string | undefined;
    do {
      const p = await page(`maxResults=5${token ? `&nextToken=${encodeURIComponent(token)}` : ""}`);
      expect(p.inferenceProfileSummaries.length).toBeLessThanOrEqual(5);
      collected.push(...p.inferenceProfileSummaries.map((s) => s["inferenceProfileId"]));
      token = p.nextToken;
    } while (token);
    expect(collected).toEqual(ids);
    expect((await page("type=APPLICATION")).inferenceProfileSummaries).toEqual([]);
    expect((await fetch(`${CONTROL}/inference-profiles?maxResults=0`)).status).toBe(400);
    expect((await fetch(`${CONTROL}/inference-profiles?nextToken=garbage`)).status).toBe(400);
  });

  it("lists the eu. profiles for a caller in eu-west-1", async () => {
    const res = await fetch("https://bedrock.eu-west-1.amazonaws.com/inference-profiles");
    const ids = ((await res.json()) as { inferenceProfileSummaries: Array<{ inferenceProfileId: string }> }).inferenceProfileSummaries.map((p) => p.inferenceProfileId);
    expect(ids.some((id) => id.startsWith("eu."))).toBe(true);
    expect(ids.some((id) => id.startsWith("us."))).toBe(false);
  });
});

describe("auth (MSW)", () => {
  const verifying = setupServer();
  it("verifies SigV4, session tokens and bearer tokens; off accepts anything", async () => {
    server.close();
    const withToken = { accessKeyId: "ASIATESTEMULATOR0002", secretAccessKey: "second-secret", sessionToken: "session-token-value" };
    verifying.use(...createBedrockHandlers({ credentials: [TEST_KEYS, withToken], bearerTokens: ["bedrock-api-key-test"] }));
    verifying.listen({ onUnhandledRequest: "error" });
    try {
      const url = `${RUNTIME}/model/${encodeURIComponent(SONNET)}/converse`;
      const ok = await fetch(await signedRequest(url, { body: converseBody("signed") }));
      expect(ok.status).toBe(200);

      const wrong = await fetch(await signedRequest(url, { body: converseBody("x"), credentials: { ...TEST_KEYS, secretAccessKey: "wrong" } }));
      expect(wrong.status).toBe(403);
      expect(wrong.headers.get("x-amzn-errortype")!.split(":")[0]).toBe("InvalidSignatureException");
      const wrongBody = (await wrong.json()) as { message: string };
      expect(wrongBody.message).toContain("signature we calculated does not match");
      expect(JSON.stringify(wrongBody)).not.toContain(TEST_KEYS.secretAccessKey);

      const unknown = await fetch(await signedRequest(url, { body: converseBody("x"), credentials: { accessKeyId: "AKIAUNKNOWN000000000", secretAccessKey: "s" } }));
      expect(unknown.headers.get("x-amzn-errortype")!.split(":")[0]).toBe("UnrecognizedClientException");

      const tampered = await fetch(await signedRequest(url, { body: converseBody("x"), tamperBody: converseBody("y") }));
      expect(tampered.status).toBe(403);

      const session = await fetch(await signedRequest(url, { body: converseBody("token"), credentials: withToken }));
      expect(session.status).toBe(200);
      const noToken = await fetch(await signedRequest(url, { body: converseBody("x"), credentials: { accessKeyId: withToken.accessKeyId, secretAccessKey: withToken.secretAccessKey } }));
      expect(noToken.headers.get("x-amzn-errortype")!.split(":")[0]).toBe("UnrecognizedClientException");
      const badToken = await fetch(await signedRequest(url, { body: converseBody("x"), credentials: { ...withToken, sessionToken: "other" } }));
      expect(badToken.status).toBe(403);

      const old = await fetch(await signedRequest(url, { body: converseBody("x"), signingDate: new Date(Date.now() - 6 * 60 * 1000) }));
      expect(old.status).toBe(403);
      expect(((await old.json()) as { message: string }).message).toMatch(/^Signature expired: \d{8}T\d{6}Z is now earlier than/);
      const slightlyOld = await fetch(await signedRequest(url, { body: converseBody("x"), signingDate: new Date(Date.now() - 4 * 60 * 1000) }));
      expect(slightlyOld.status).toBe(200);

      const list = await fetch(await signedRequest(`${CONTROL}/inference-profiles?maxResults=3&type=SYSTEM_DEFINED`));
      expect(list.status).toBe(200);

      const unsigned = await fetch(url, { method: "POST", body: converseBody("x") });
      expect(unsigned.headers.get("x-amzn-errortype")!.split(":")[0]).toBe("MissingAuthenticationTokenException");
      const bearer = await fetch(url, { method: "POST", body: converseBody("x"), headers: { authorization: "Bearer bedrock-api-key-test" } });
      expect(bearer.status).toBe(200);
      const badBearer = await fetch(url, { method: "POST", body: converseBody("x"), headers: { authorization: "Bearer nope" } });
      expect(badBearer.status).toBe(403);
      expect(badBearer.headers.get("x-amzn-errortype")!.split(":")[0]).toBe("AccessDeniedException");
    } finally {
      verifying.close();
      server.listen({ onUnhandledRequest: "error" });
    }
  });

  it("records requests with secrets redacted", async () => {
    const keys = { accessKeyId: "ASIATESTEMULATOR0003", secretAccessKey: "third-secret", sessionToken: "tok-secret" };
    const url = `${RUNTIME}/model/${encodeURIComponent(SONNET)}/converse`;
    recorded.length = 0;
    await fetch(await signedRequest(url, { body: converseBody("record me"), credentials: keys }));
    const entry = recorded.at(-1)!;
    expect(entry).toMatchObject({ operation: "converse", modelId: SONNET, status: 200, auth: { scheme: "sigv4", accessKeyId: "****0003", verified: false } });
    expect(entry.body).toContain("record me");
    const dump = JSON.stringify(entry);
    expect(dump).not.toContain("tok-secret");
    expect(dump).not.toContain("ASIATESTEMULATOR0003");
    expect(dump).not.toMatch(/Signature=[0-9a-f]{64}/);
  });
});
