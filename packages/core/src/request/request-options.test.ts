import { describe, expect, it } from "vitest";
import type { StreamRequest } from "../types/index.js";
import { buildConverseBody } from "./build-converse-body.js";
import { supportsStructuredOutput } from "./structured-output-models.js";
import { catchInvalid, CLAUDE_37, CLAUDE_4, CLAUDE_45, CLAUDE_46, GPT_OSS, LLAMA, NOVA_2, testModel } from "./test-helpers.js";

const messages: StreamRequest["messages"] = [{ role: "user", content: "hi" }];
const schema = { type: "object", properties: { a: { type: "string" } }, required: ["a"] };

describe("responseFormat and strict tools", () => {
  it("responseFormat → outputConfig.textFormat with the schema as JSON text", () => {
    expect(buildConverseBody({ messages, responseFormat: { type: "json", schema, name: "answer", description: "the answer" } }, CLAUDE_45).outputConfig).toEqual({
      textFormat: { type: "json_schema", structure: { jsonSchema: { schema: JSON.stringify(schema), name: "answer", description: "the answer" } } },
    });
  });

  it("strict: true → toolSpec.strict", () => {
    const body = buildConverseBody({ messages, tools: [{ name: "t", parameters: schema, strict: true }] }, CLAUDE_46);
    expect(body.toolConfig!.tools[0]).toEqual({ toolSpec: { name: "t", inputSchema: { json: schema }, strict: true } });
  });

  it("refused early for models the table says do not take it; sent for unknown families", () => {
    expect(catchInvalid(() => buildConverseBody({ messages, responseFormat: { type: "json", schema } }, CLAUDE_4)).message).toContain("does not take structured output");
    expect(catchInvalid(() => buildConverseBody({ messages, tools: [{ name: "t", parameters: schema, strict: true }] }, CLAUDE_37)).path).toBe("tools");
    expect(buildConverseBody({ messages, responseFormat: { type: "json", schema } }, LLAMA).outputConfig).toBeDefined();
  });

  it("checks the option's shape", () => {
    expect(catchInvalid(() => buildConverseBody({ messages, responseFormat: { type: "xml" } as never }, CLAUDE_46)).path).toBe("responseFormat");
    expect(catchInvalid(() => buildConverseBody({ messages, responseFormat: { type: "json", schema: [] as never } }, CLAUDE_46)).path).toBe("responseFormat.schema");
    expect(catchInvalid(() => buildConverseBody({ messages, responseFormat: { type: "json", schema, name: "bad name" } }, CLAUDE_46)).path).toBe("responseFormat.name");
    expect(catchInvalid(() => buildConverseBody({ messages, responseFormat: { type: "json", schema: { a: NaN } } }, CLAUDE_46)).path).toBe("responseFormat.schema.a");
  });

  it("the table", () => {
    expect([CLAUDE_46, CLAUDE_45, testModel("anthropic.claude-haiku-4-5-20251001-v1:0")].map(supportsStructuredOutput)).toEqual([true, true, true]);
    expect([CLAUDE_4, CLAUDE_37, testModel("anthropic.claude-v2:1")].map(supportsStructuredOutput)).toEqual([false, false, false]);
    expect([NOVA_2, GPT_OSS, LLAMA].map(supportsStructuredOutput)).toEqual([undefined, undefined, undefined]);
  });
});

describe("anthropicBeta", () => {
  it("→ additionalModelRequestFields.anthropic_beta, merged with the caller's own", () => {
    expect(buildConverseBody({ messages, anthropicBeta: ["interleaved-thinking-2025-05-14"] }, CLAUDE_45).additionalModelRequestFields).toEqual({ anthropic_beta: ["interleaved-thinking-2025-05-14"] });
    const merged = buildConverseBody({ messages, anthropicBeta: ["context-1m-2025-08-07", "x-1"], additionalModelRequestFields: { anthropic_beta: ["x-1"], top_k: 5 } }, CLAUDE_46);
    expect(merged.additionalModelRequestFields).toEqual({ anthropic_beta: ["x-1", "context-1m-2025-08-07"], top_k: 5 });
  });

  it("Claude only; flags checked; empty sends nothing", () => {
    expect(catchInvalid(() => buildConverseBody({ messages, anthropicBeta: ["context-1m-2025-08-07"] }, NOVA_2)).message).toContain("Claude models only");
    expect(catchInvalid(() => buildConverseBody({ messages, anthropicBeta: ["Not A Flag"] }, CLAUDE_46)).path).toBe("anthropicBeta[0]");
    expect(buildConverseBody({ messages, anthropicBeta: [] }, NOVA_2).additionalModelRequestFields).toBeUndefined();
  });
});

describe("thinking.display and the partition", () => {
  it("is left out for a call signed in GovCloud, kept elsewhere; the caller's own display is kept", () => {
    const request: StreamRequest = { messages, reasoning: "medium" };
    expect(buildConverseBody(request, CLAUDE_46, { region: "us-gov-west-1" }).additionalModelRequestFields).toEqual({ thinking: { type: "adaptive" }, output_config: { effort: "medium" } });
    expect(buildConverseBody(request, CLAUDE_46, { region: "us-east-1" }).additionalModelRequestFields).toMatchObject({ thinking: { display: "summarized" } });
    const own = buildConverseBody({ ...request, additionalModelRequestFields: { thinking: { type: "adaptive", display: "omitted" } } }, CLAUDE_46, { region: "us-gov-east-1" });
    expect(own.additionalModelRequestFields).toMatchObject({ thinking: { display: "omitted" } });
  });
});

describe("media: S3 sources, video, documents with citations", () => {
  it("maps s3 sources for image, document and video", () => {
    const body = buildConverseBody(
      {
        messages: [
          {
            role: "user",
            content: [
              { type: "image", mimeType: "image/png", s3: { uri: "s3://pics-1/a.png" } },
              { type: "document", name: "r.pdf", format: "pdf", s3: { uri: "s3://docs-1/r.pdf", bucketOwner: "123456789012" }, citations: true, context: "Q3" },
              { type: "video", format: "mp4", data: new Uint8Array([1, 2, 3]) },
              { type: "text", text: "?" },
            ],
          },
        ],
      },
      NOVA_2,
    );
    expect(body.messages[0]!.content).toEqual([
      { image: { format: "png", source: { s3Location: { uri: "s3://pics-1/a.png" } } } },
      { document: { format: "pdf", name: "r-pdf", source: { s3Location: { uri: "s3://docs-1/r.pdf", bucketOwner: "123456789012" } }, context: "Q3", citations: { enabled: true } } },
      { video: { format: "mp4", source: { bytes: "AQID" } } },
      { text: "?" },
    ]);
  });

  it("refuses a bad S3 URI or owner, both or neither source, a bad video format", () => {
    const at = (content: unknown) => catchInvalid(() => buildConverseBody({ messages: [{ role: "user", content: content as never }] }, NOVA_2));
    expect(at([{ type: "image", mimeType: "image/png", s3: { uri: "https://x/a.png" } }]).path).toBe("messages[0].content[0].s3.uri");
    expect(at([{ type: "image", mimeType: "image/png", s3: { uri: "s3://b-1/a.png", bucketOwner: "12" } }]).path).toBe("messages[0].content[0].s3.bucketOwner");
    expect(at([{ type: "video", format: "mp4", data: "AQID", s3: { uri: "s3://b-1/v.mp4" } }]).message).toContain("not both");
    expect(at([{ type: "video", format: "mp4" }]).message).toContain("needs `data`");
    expect(at([{ type: "video", format: "avi", data: "AQID" }]).path).toBe("messages[0].content[0].format");
    expect(at([{ type: "document", name: "d", format: "txt", data: "AQID", citations: "yes" }]).path).toBe("messages[0].content[0].citations");
  });
});
