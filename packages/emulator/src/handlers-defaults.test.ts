import { getResponse } from "msw";
import { describe, expect, it } from "vitest";
import { converseBody, signedRequest, TEST_KEYS } from "../test/helpers.js";
import { DEMO_CREDENTIALS } from "./demo-credentials.js";
import { createBedrockHandlers } from "./handlers.js";

const URL_ = "https://bedrock-runtime.us-east-1.amazonaws.com/model/amazon.nova-pro-v1%3A0/converse";

describe("createBedrockHandlers defaults (run through msw getResponse, no server)", () => {
  it("verify: true without credentials accepts DEMO_CREDENTIALS only", async () => {
    const handlers = createBedrockHandlers({ verify: true });
    const demo = await getResponse(handlers, await signedRequest(URL_, { body: converseBody("demo"), credentials: DEMO_CREDENTIALS }));
    expect(demo!.status).toBe(200);
    const other = await getResponse(handlers, await signedRequest(URL_, { body: converseBody("x"), credentials: TEST_KEYS }));
    expect(other!.status).toBe(403);
  });

  it("no options: verification off, unsigned requests are answered", async () => {
    const response = await getResponse(createBedrockHandlers(), new Request(URL_, { method: "POST", body: converseBody("open") }));
    expect(((await response!.json()) as any).output.message.content[0].text).toBe("open");
  });

  it("does not match other hosts or paths", async () => {
    const handlers = createBedrockHandlers();
    expect(await getResponse(handlers, new Request("https://example.com/model/x/converse", { method: "POST", body: "{}" }))).toBeUndefined();
    expect(await getResponse(handlers, new Request("https://bedrock.us-east-1.amazonaws.com/model/x/converse", { method: "POST", body: "{}" }))).toBeUndefined();
    expect(await getResponse(handlers, new Request("https://bedrock-runtime.us-east-1.amazonaws.com/foundation-models"))).toBeUndefined();
  });

  it("catalogue overrides replace the default lists", async () => {
    const handlers = createBedrockHandlers({
      catalogue: { models: [{ modelArn: "arn:aws:bedrock:us-east-1::foundation-model/acme.one", modelId: "acme.one", providerName: "Acme" }], profiles: [] },
    });
    const list = await getResponse(handlers, new Request("https://bedrock.us-east-1.amazonaws.com/foundation-models"));
    expect(((await list!.json()) as { modelSummaries: unknown[] }).modelSummaries).toHaveLength(1);
    const ok = await getResponse(handlers, new Request("https://bedrock-runtime.us-east-1.amazonaws.com/model/acme.one/converse", { method: "POST", body: converseBody("hi") }));
    expect(ok!.status).toBe(200);
    const unknown = await getResponse(handlers, new Request("https://bedrock-runtime.us-east-1.amazonaws.com/model/acme.two/converse", { method: "POST", body: converseBody("hi") }));
    expect(((await unknown!.json()) as { message: string }).message).toBe("The provided model identifier is invalid.");
  });
});
