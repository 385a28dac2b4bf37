import { describe, expect, it } from "vitest";
import { bedrockModelPath } from "./bedrock-model-path.js";

describe("bedrockModelPath", () => {
  it("escapes ':' in plain and inference-profile ids", () => {
    expect(bedrockModelPath("amazon.nova-lite-v1:0", "converse")).toBe("/model/amazon.nova-lite-v1%3A0/converse");
    expect(bedrockModelPath("us.anthropic.claude-opus-4-6-v1:0", "converse-stream")).toBe(
      "/model/us.anthropic.claude-opus-4-6-v1%3A0/converse-stream",
    );
  });
  it("escapes '/' in ARNs so the ARN stays one path segment", () => {
    expect(bedrockModelPath("arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123", "converse")).toBe(
      "/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Aapplication-inference-profile%2Fabc123/converse",
    );
  });
  it("escapes the RFC 3986 reserved characters encodeURIComponent leaves alone", () => {
    expect(bedrockModelPath("a!b'c(d)e*f g", "converse")).toBe("/model/a%21b%27c%28d%29e%2Af%20g/converse");
  });
  it("gives the same path again for an id it has encoded, for each operation", () => {
    const id = "us.anthropic.claude-sonnet-4-6-v1:0";
    expect(bedrockModelPath(id, "converse-stream")).toBe("/model/us.anthropic.claude-sonnet-4-6-v1%3A0/converse-stream");
    expect(bedrockModelPath(id, "converse-stream")).toBe("/model/us.anthropic.claude-sonnet-4-6-v1%3A0/converse-stream");
    expect(bedrockModelPath(id, "count-tokens")).toBe("/model/us.anthropic.claude-sonnet-4-6-v1%3A0/count-tokens");
    for (let i = 0; i < 200; i++) expect(bedrockModelPath(`m:${i}`, "converse")).toBe(`/model/m%3A${i}/converse`);
  });
});
