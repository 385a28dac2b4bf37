import { forgetSigningKeys } from "@streambed/transport";
import { describe, expect, it, vi } from "vitest";
import { createCredentialChain, explicitCredentialSource } from "../credentials/index.js";
import { client, collect, KEYS, MODEL, ok, scriptedTransport, textReply } from "./create-client.test-helper.js";

describe("createClient().close", () => {
  it("drops the signers kept for the keys it signed with, and closes the transport", async () => {
    const keys = { ...KEYS, accessKeyId: "AKIDCLOSE00000001" };
    const transport = Object.assign(scriptedTransport([() => ok(textReply("hi"))]), { close: vi.fn(async () => {}) });
    const bedrock = client(transport, { credentials: createCredentialChain([explicitCredentialSource(keys)]) });
    await collect(bedrock.stream({ model: MODEL, messages: [{ role: "user", content: "hi" }] }));
    await bedrock.close();
    expect(transport.close).toHaveBeenCalledTimes(1);
    // Nothing left to drop: close() already did.
    expect(forgetSigningKeys(keys.accessKeyId)).toBe(0);
  });

  it("leaves other keys' signers alone (a client not closed keeps its signer)", async () => {
    const keys = { ...KEYS, accessKeyId: "AKIDOPEN000000002" };
    const bedrock = client(scriptedTransport([() => ok(textReply("hi"))]), { credentials: createCredentialChain([explicitCredentialSource(keys)]) });
    await collect(bedrock.stream({ model: MODEL, messages: [{ role: "user", content: "hi" }] }));
    await client(scriptedTransport([() => ok(textReply("hi"))])).close();
    expect(forgetSigningKeys(keys.accessKeyId)).toBe(1);
  });
});
