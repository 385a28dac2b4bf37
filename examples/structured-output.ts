/**
 * Structured output: the answer is JSON matching a schema, parsed for you (Bedrock
 * `outputConfig.textFormat`; Claude 4.5 and later). Run: npx tsx examples/structured-output.ts
 */
import { StructuredOutputError } from "streambed";
import { withBedrock } from "./with-bedrock.js";

const trip = {
  type: "object",
  properties: { city: { type: "string" }, days: { type: "integer", minimum: 1 }, sights: { type: "array", items: { type: "string" } } },
  required: ["city", "days"],
  additionalProperties: false,
};

const { bedrock, model, close } = await withBedrock();
try {
  const answer = await bedrock.complete({
    model,
    messages: [{ role: "user", content: "Plan a short trip to Lisbon." }],
    responseFormat: { type: "json", name: "trip", schema: trip },
    maxTokens: 500,
  });
  const plan = answer.parsed as { city: string; days: number };
  console.log(`[parsed: ${JSON.stringify(plan)}]`);
  console.log(`${plan.days} day(s) in ${plan.city}`);
} catch (error) {
  // The model's text was not JSON matching the schema (e.g. cut off at maxTokens): error.raw has it.
  if (error instanceof StructuredOutputError) console.error(`not valid: ${error.issues.join("; ")}\n${error.raw}`);
  throw error;
} finally {
  await close();
}
