import { describe, expect, it } from "vitest";
import { InvalidRequestError } from "../errors/index.js";
import type { StreamRequest } from "../types/index.js";
import { applyPayloadHooks } from "./apply-payload-hooks.js";
import { buildConverseBody } from "./build-converse-body.js";
import { CLAUDE_46 } from "./test-helpers.js";

const request: StreamRequest = { messages: [{ role: "user", content: "hi" }], maxTokens: 100 };
const built = () => buildConverseBody(request, CLAUDE_46);

describe("applyPayloadHooks", () => {
  it("sends the body unchanged without hooks", async () => {
    expect(await applyPayloadHooks(built(), request, CLAUDE_46)).toStrictEqual(built());
  });

  it("merges extraBody over the top level, then onPayload sees the result and the model", async () => {
    const seen: unknown[] = [];
    const out = await applyPayloadHooks(built(), {
      ...request,
      extraBody: { newField: { on: true }, inferenceConfig: { maxTokens: 7 } },
      onPayload: (body, model) => {
        seen.push(body, model.id);
        return { ...body, hooked: 1 };
      },
    }, CLAUDE_46);
    expect(out).toStrictEqual({ ...built(), newField: { on: true }, inferenceConfig: { maxTokens: 7 }, hooked: 1 });
    expect(seen[0]).toMatchObject({ newField: { on: true } });
    expect(seen[1]).toBe(CLAUDE_46.id);
  });

  it("keeps the body (changed in place) when onPayload returns undefined; awaits an async hook", async () => {
    const inPlace = await applyPayloadHooks(built(), { ...request, onPayload: (body) => void (body.x = 1) }, CLAUDE_46);
    expect(inPlace.x).toBe(1);
    const replaced = await applyPayloadHooks(built(), { ...request, onPayload: async () => ({ messages: [] }) }, CLAUDE_46);
    expect(replaced).toStrictEqual({ messages: [] });
  });

  it("rejects a hook result that is not a plain object, and bad option types", async () => {
    await expect(applyPayloadHooks(built(), { ...request, onPayload: () => "body" }, CLAUDE_46)).rejects.toMatchObject({ path: "onPayload" });
    await expect(applyPayloadHooks(built(), { ...request, onPayload: () => [1] }, CLAUDE_46)).rejects.toBeInstanceOf(InvalidRequestError);
    await expect(applyPayloadHooks(built(), { ...request, extraBody: [] as unknown as Record<string, unknown> }, CLAUDE_46)).rejects.toMatchObject({ path: "extraBody" });
    await expect(applyPayloadHooks(built(), { ...request, onPayload: 5 as unknown as StreamRequest["onPayload"] }, CLAUDE_46)).rejects.toMatchObject({ path: "onPayload" });
  });

  it("lets a hook's error through as it is", async () => {
    const boom = new Error("no");
    await expect(applyPayloadHooks(built(), { ...request, onPayload: () => { throw boom; } }, CLAUDE_46)).rejects.toBe(boom);
  });
});
