import { describe, expect, it } from "vitest";
import { converseBody, signedRequest, TEST_KEYS } from "../../test/helpers.js";
import { DEMO_CREDENTIALS } from "../demo-credentials.js";
import { AwsErrorReply } from "../http/aws-error.js";
import { verifyRequest, type VerifyConfig } from "./verify-request.js";

const URL_ = "http://127.0.0.1:4010/model/amazon.nova-lite-v1%3A0/converse";

async function received(request: Request) {
  return { method: request.method, url: new URL(request.url), headers: request.headers, body: new Uint8Array(await request.arrayBuffer()) };
}

const config = (over: Partial<VerifyConfig> = {}): VerifyConfig => ({
  verify: true,
  credentials: [TEST_KEYS],
  bearerTokens: [],
  now: () => new Date(),
  ...over,
});

describe("verifyRequest", () => {
  it("accepts a valid signature and reports the masked key id and region", async () => {
    const result = await verifyRequest(await received(await signedRequest(URL_, { body: converseBody("x"), region: "eu-west-1" })), config());
    expect(result).toEqual({ scheme: "sigv4", accessKeyId: "****0001", verified: true, region: "eu-west-1" });
  });

  it("accepts anything when verification is off", async () => {
    const request = new Request(URL_, { method: "POST", body: "{}" });
    expect(await verifyRequest(await received(request), config({ verify: false }))).toEqual({ scheme: "none", verified: false });
  });

  it("rejects a region other than the configured one", async () => {
    const result = await verifyRequest(await received(await signedRequest(URL_, { body: "{}", region: "eu-west-1" })), config({ region: "us-east-1" }));
    expect(result).toBeInstanceOf(AwsErrorReply);
    expect((result as AwsErrorReply).type).toBe("InvalidSignatureException");
  });

  it("uses the injected clock for the skew check (both directions)", async () => {
    const signingDate = new Date("2030-01-01T00:00:00Z");
    const request = () => signedRequest(URL_, { body: "{}", signingDate });
    const late = await verifyRequest(await received(await request()), config({ now: () => new Date("2030-01-01T00:05:01Z") }));
    expect((late as AwsErrorReply).message).toBe(
      "Signature expired: 20300101T000000Z is now earlier than 20300101T000001Z (20300101T000501Z - 5 min.)",
    );
    const early = await verifyRequest(await received(await request()), config({ now: () => new Date("2029-12-31T23:54:00Z") }));
    expect((early as AwsErrorReply).message).toMatch(/^Signature not yet current/);
    const fine = await verifyRequest(await received(await request()), config({ now: () => new Date("2030-01-01T00:04:59Z") }));
    expect(fine).toMatchObject({ verified: true });
  });

  it("checks a changed query string and a changed path", async () => {
    const signed = await signedRequest(`${URL_.replace("/converse", "")}/converse`, { body: "{}" });
    const moved = new Request(URL_.replace("converse", "converse-stream"), { method: "POST", headers: signed.headers, body: "{}" });
    expect(await verifyRequest(await received(moved), config())).toBeInstanceOf(AwsErrorReply);
    const list = await signedRequest("http://127.0.0.1:4010/inference-profiles?maxResults=2");
    const changed = new Request("http://127.0.0.1:4010/inference-profiles?maxResults=3", { headers: list.headers });
    expect(await verifyRequest(await received(changed), config())).toBeInstanceOf(AwsErrorReply);
    expect(await verifyRequest(await received(list), config())).toMatchObject({ verified: true });
  });

  it("rejects malformed Authorization headers as IncompleteSignatureException", async () => {
    const request = new Request(URL_, { method: "POST", body: "{}", headers: { authorization: "AWS4-HMAC-SHA256 Credential=garbage" } });
    expect(((await verifyRequest(await received(request), config())) as AwsErrorReply).type).toBe("IncompleteSignatureException");
  });

  it("DEMO_CREDENTIALS sign like any other key pair", async () => {
    const result = await verifyRequest(await received(await signedRequest(URL_, { body: "{}", credentials: DEMO_CREDENTIALS })), config({ credentials: [DEMO_CREDENTIALS] }));
    expect(result).toMatchObject({ verified: true });
  });
});
