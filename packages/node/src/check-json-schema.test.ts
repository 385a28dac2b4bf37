import { describe, expect, it } from "vitest";
import { checkJsonSchema } from "./check-json-schema.js";

const schema = {
  type: "object",
  properties: { city: { type: "string" }, days: { type: "integer", minimum: 1 }, tags: { type: "array", items: { type: "string" } } },
  required: ["city", "days"],
  additionalProperties: false,
};

describe("checkJsonSchema (@cfworker/json-schema, draft 2020-12)", () => {
  it("finds nothing wrong with a matching value", async () => {
    expect(await checkJsonSchema(schema, { city: "Lisbon", days: 2, tags: ["sea"] })).toEqual([]);
  });

  it("names each failing location, without the containers' summary entries", async () => {
    const issues = await checkJsonSchema(schema, { city: 7, days: 0, tags: [1], extra: true });
    expect(issues.some((i) => i.startsWith("#/city:"))).toBe(true);
    expect(issues.some((i) => i.startsWith("#/days:"))).toBe(true);
    expect(issues.some((i) => i.startsWith("#/tags/0:"))).toBe(true);
    expect(issues.some((i) => i.includes("extra"))).toBe(true);
    expect(issues.every((i) => !/^#: Property "city" does not match schema/.test(i))).toBe(true);
  });

  it("reports a missing required property at the root", async () => {
    expect((await checkJsonSchema(schema, { city: "Oslo" })).join(" ")).toMatch(/^#: .*days/);
  });
});
