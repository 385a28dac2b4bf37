import { describe, expect, it } from "vitest";
import { AwsErrorReply } from "../http/aws-error.js";
import { MAX_DOCUMENT_BYTES, MAX_IMAGE_BYTES, MESSAGES } from "./bedrock-messages.js";
import type { JsonObject } from "./json.js";
import { validateConverseBody } from "./validate-converse-body.js";

const user = (...content: unknown[]) => ({ role: "user", content });
const assistant = (...content: unknown[]) => ({ role: "assistant", content });
const text = (t: string) => ({ text: t });
const toolUse = (id: string) => ({ toolUse: { toolUseId: id, name: "get_weather", input: {} } });
const toolResult = (id: string, extra: JsonObject = {}) => ({ toolResult: { toolUseId: id, content: [{ text: "sunny" }], ...extra } });
const TOOLS = { toolConfig: { tools: [{ toolSpec: { name: "get_weather", inputSchema: { json: { type: "object" } } } }] } };
/** Base64 text that decodes to exactly `bytes` bytes. */
const base64Of = (bytes: number) => "A".repeat(Math.ceil(bytes / 3) * 4 - (bytes % 3 === 0 ? 0 : 3 - (bytes % 3))) + "=".repeat(bytes % 3 === 0 ? 0 : 3 - (bytes % 3));
const image = (bytes = 10) => ({ image: { format: "png", source: { bytes: base64Of(bytes) } } });
const doc = (name: string, bytes = 10) => ({ document: { format: "pdf", name, source: { bytes: base64Of(bytes) } } });

/** The message of the ValidationException for `body`, or undefined when it passes. */
function messageOf(body: JsonObject): string | undefined {
  const reply = validateConverseBody(body);
  if (reply) {
    expect(reply).toBeInstanceOf(AwsErrorReply);
    expect(reply.status).toBe(400);
    expect(reply.type).toBe("ValidationException");
  }
  return reply?.message;
}

describe("validateConverseBody: messages", () => {
  it("accepts a valid multi-turn conversation with a tool round trip, an image and a document", () => {
    const body = {
      messages: [
        user(text("What is in these?"), image(), doc("report")),
        assistant(text("Let me check."), toolUse("t1")),
        user(toolResult("t1")),
        assistant(text("It is sunny.")),
      ],
      inferenceConfig: { maxTokens: 1, temperature: 0, topP: 1, stopSequences: ["END"] },
      ...TOOLS,
    };
    expect(messageOf(body)).toBeUndefined();
  });

  it("needs a non-empty conversation that starts with a user message", () => {
    expect(messageOf({})).toBe(MESSAGES.firstUser);
    expect(messageOf({ messages: [] })).toBe(MESSAGES.firstUser);
    expect(messageOf({ messages: [assistant(text("hi")), user(text("hello"))] })).toBe(MESSAGES.firstUser);
  });

  it("needs roles that alternate", () => {
    expect(messageOf({ messages: [user(text("a")), user(text("b"))] })).toBe(MESSAGES.alternate);
    expect(messageOf({ messages: [user(text("a")), assistant(text("b")), assistant(text("c"))] })).toBe(MESSAGES.alternate);
  });

  it("rejects a role outside [user, assistant] and a missing role or content, Coral-style with 1-based paths", () => {
    expect(messageOf({ messages: [user(text("a")), { role: "system", content: [text("b")] }] })).toBe(
      "1 validation error detected: Value 'system' at 'messages.2.member.role' failed to satisfy constraint: Member must satisfy enum value set: [user, assistant]",
    );
    expect(messageOf({ messages: [{ content: [text("a")] }, { role: "assistant" }] })).toBe(
      "2 validation errors detected: Value null at 'messages.1.member.role' failed to satisfy constraint: Member must not be null; " +
        "Value null at 'messages.2.member.content' failed to satisfy constraint: Member must not be null",
    );
  });
});

describe("validateConverseBody: content blocks", () => {
  it("rejects an empty content list", () => {
    expect(messageOf({ messages: [user(text("a")), assistant()] })).toBe(MESSAGES.emptyContent(1));
    expect(MESSAGES.emptyContent(1)).toBe("The content field in the Message object at messages.1 is empty. Add a ContentBlock object to the content field and try again.");
  });

  it("needs exactly one ContentBlock member per block (unknown keys ignored)", () => {
    expect(messageOf({ messages: [user({ foo: 1 })] })).toBe(
      "ContentBlock object at messages.0.content.0 must set one of the following keys: text, image, toolUse, toolResult, document, video, cachePoint, reasoningContent, citationsContent, searchResult.",
    );
    expect(messageOf({ messages: [user(text("a"), { text: "b", image: image().image })] })).toBe(MESSAGES.manyMembers("messages.0.content.1", ["text", "image"]));
    expect(messageOf({ messages: [user({ text: "a", somethingNew: true })] })).toBeUndefined();
  });

  it("rejects blank text, whitespace included, in any role", () => {
    expect(messageOf({ messages: [user(text(""))] })).toBe("The text field in the ContentBlock object at messages.0.content.0 is blank. Add text to the text field, and try again.");
    expect(messageOf({ messages: [user(text("a")), assistant(text("ok"), text(" \n\t"))] })).toBe(MESSAGES.blankText("messages.1.content.1"));
  });

  it("keeps images and documents in user messages; a tool result may carry an image", () => {
    expect(messageOf({ messages: [user(text("a")), assistant(text("see"), image())] })).toBe(MESSAGES.mediaRole("messages.1.content.1", "image"));
    expect(messageOf({ messages: [user(text("a")), assistant(doc("d"))] })).toBe(MESSAGES.mediaRole("messages.1.content.0", "document"));
    const withImageResult = {
      messages: [user(text("shoot")), assistant(toolUse("t1")), user({ toolResult: { toolUseId: "t1", content: [image()] } })],
      ...TOOLS,
    };
    expect(messageOf(withImageResult)).toBeUndefined();
  });

  it("checks image and document formats against Bedrock's enums", () => {
    const body = { messages: [user(text("a"), { image: { format: "jpg", source: { bytes: "AAAA" } } })] };
    expect(messageOf(body)).toBe(
      "1 validation error detected: Value 'jpg' at 'messages.1.member.content.2.member.image.format' failed to satisfy constraint: Member must satisfy enum value set: [png, jpeg, gif, webp]",
    );
  });
});

describe("validateConverseBody: images and documents", () => {
  it("limits an image to 3.75 MB and a document to 4.5 MB of decoded bytes", () => {
    expect(messageOf({ messages: [user(text("a"), image(MAX_IMAGE_BYTES))] })).toBeUndefined();
    expect(messageOf({ messages: [user(text("a"), image(MAX_IMAGE_BYTES + 1))] })).toBe(MESSAGES.imageTooLarge("messages.0.content.1", MAX_IMAGE_BYTES + 1));
    expect(messageOf({ messages: [user(text("a"), doc("d", MAX_DOCUMENT_BYTES))] })).toBeUndefined();
    expect(messageOf({ messages: [user(text("a"), doc("d", MAX_DOCUMENT_BYTES + 1))] })).toBe(MESSAGES.documentTooLarge("messages.0.content.1", MAX_DOCUMENT_BYTES + 1));
  });

  it("needs a text block in the message that carries a document", () => {
    expect(messageOf({ messages: [user(doc("d"))] })).toBe("A text block must be included when using documents. Add a text block and retry your request.");
  });

  it("counts documents (5) over the whole request, and leaves the number of images to the model", () => {
    const images = (n: number) => Array.from({ length: n }, () => image());
    const docs = (from: number, n: number) => Array.from({ length: n }, (_, i) => doc(`d${from + i}`));
    // More than the documented 20 images pass: real Bedrock leaves the count to the model.
    expect(messageOf({ messages: [user(text("a"), ...images(11)), assistant(text("b")), user(text("c"), ...images(19))] })).toBeUndefined();
    expect(messageOf({ messages: [user(text("a"), ...docs(0, 3)), assistant(text("b")), user(text("c"), ...docs(3, 2))] })).toBeUndefined();
    expect(messageOf({ messages: [user(text("a"), ...docs(0, 3)), assistant(text("b")), user(text("c"), ...docs(3, 3))] })).toBe(
      "You can't include more than 5 documents in a request.",
    );
  });

  it("rejects two documents with the same name, even in different turns", () => {
    expect(messageOf({ messages: [user(text("a"), doc("report")), assistant(text("b")), user(text("c"), doc("report"))] })).toBe(MESSAGES.duplicateDocumentNames);
  });
});

describe("validateConverseBody: tools", () => {
  it("needs toolConfig when the conversation has toolUse or toolResult blocks", () => {
    expect(messageOf({ messages: [user(text("a")), assistant(toolUse("t1")), user(toolResult("t1"))] })).toBe(
      "The toolConfig field must be defined when using toolUse and toolResult content blocks.",
    );
  });

  it("needs a result for every toolUse of the previous assistant turn", () => {
    const body = { messages: [user(text("a")), assistant(toolUse("t1"), toolUse("t2")), user(toolResult("t1"), text("and?"))], ...TOOLS };
    expect(messageOf(body)).toBe("Expected toolResult blocks at messages.2.content for the following Ids: t2");
    const none = { messages: [user(text("a")), assistant(toolUse("t1"), toolUse("t2")), user(text("go on"))], ...TOOLS };
    expect(messageOf(none)).toBe(MESSAGES.missingToolResults(2, ["t1", "t2"]));
    const wrongId = { messages: [user(text("a")), assistant(toolUse("t1")), user(toolResult("t9"))], ...TOOLS };
    expect(messageOf(wrongId)).toBe(MESSAGES.missingToolResults(2, ["t1"]));
  });

  it("rejects more results than the previous turn had calls, including results with no call before them", () => {
    const body = { messages: [user(text("a")), assistant(toolUse("t1")), user(toolResult("t1"), toolResult("t2"))], ...TOOLS };
    expect(messageOf(body)).toBe("The number of toolResult blocks at messages.2.content exceeds the number of toolUse blocks of previous turn.");
    expect(messageOf({ messages: [user(toolResult("t1"))], ...TOOLS })).toBe(MESSAGES.tooManyToolResults(0));
    const late = { messages: [user(text("a")), assistant(toolUse("t1")), user(toolResult("t1")), assistant(text("b")), user(toolResult("t1"))], ...TOOLS };
    expect(messageOf(late)).toBe(MESSAGES.tooManyToolResults(4));
  });

  it("leaves a trailing assistant toolUse alone (no next turn yet) and needs content in an error result", () => {
    expect(messageOf({ messages: [user(text("a")), assistant(toolUse("t1"))], ...TOOLS })).toBeUndefined();
    const body = { messages: [user(text("a")), assistant(toolUse("t1")), user({ toolResult: { toolUseId: "t1", content: [], status: "error" } })], ...TOOLS };
    expect(messageOf(body)).toBe("The content field at messages.2.content.0.toolResult cannot be empty when status value is error.");
  });

  it("rejects an empty toolConfig.tools", () => {
    expect(messageOf({ messages: [user(text("a"))], toolConfig: { tools: [] } })).toBe(
      "1 validation error detected: Value '[]' at 'toolConfig.tools' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
  });
});

describe("validateConverseBody: inferenceConfig", () => {
  const withConfig = (inferenceConfig: JsonObject) => messageOf({ messages: [user(text("a"))], inferenceConfig });

  it("checks maxTokens ≥ 1 and temperature, topP in [0, 1], printing values as Bedrock does", () => {
    expect(withConfig({ maxTokens: 0 })).toBe(
      "1 validation error detected: Value '0' at 'inferenceConfig.maxTokens' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
    expect(withConfig({ temperature: 1.5 })).toBe(
      "1 validation error detected: Value '1.5' at 'inferenceConfig.temperature' failed to satisfy constraint: Member must have value less than or equal to 1",
    );
    expect(withConfig({ maxTokens: -3, temperature: 2, topP: -0.1 })).toBe(
      "3 validation errors detected: Value '-3' at 'inferenceConfig.maxTokens' failed to satisfy constraint: Member must have value greater than or equal to 1; " +
        "Value '2.0' at 'inferenceConfig.temperature' failed to satisfy constraint: Member must have value less than or equal to 1; " +
        "Value '-0.1' at 'inferenceConfig.topP' failed to satisfy constraint: Member must have value greater than or equal to 0",
    );
  });

  it("checks stop sequences (at most 2500, none empty) and leaves model-specific rules alone", () => {
    expect(withConfig({ stopSequences: ["a", ""] })).toBe(
      "1 validation error detected: Value '' at 'inferenceConfig.stopSequences.2.member' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
    expect(withConfig({ stopSequences: Array.from({ length: 2501 }, () => "x") })).toMatch(/^1 validation error detected: Value '\[x, x, .*' at 'inferenceConfig.stopSequences' .* less than or equal to 2500$/);
    // Claude's "temperature and top_p cannot both be specified" is the model's rule, not Bedrock's.
    expect(withConfig({ maxTokens: 64000, temperature: 1, topP: 0.9 })).toBeUndefined();
  });

  it("reports constraint violations before the conversation rules", () => {
    expect(messageOf({ messages: [assistant(text("a"))], inferenceConfig: { maxTokens: 0 } })).toMatch(/^1 validation error detected: Value '0'/);
  });
});

describe("validateConverseBody lenient (validate: false)", () => {
  it("only checks a first user message and toolConfig with tool blocks, as the emulator always did", () => {
    const lenient = (body: JsonObject) => validateConverseBody(body, { lenient: true })?.message;
    expect(lenient({ messages: [user(text("")), user(text("b"))], inferenceConfig: { maxTokens: 0, temperature: 9 } })).toBeUndefined();
    expect(lenient({ messages: [assistant(text("a"))] })).toBe(MESSAGES.firstUser);
    expect(lenient({ messages: [user(text("a")), assistant(toolUse("t1"))] })).toBe(MESSAGES.toolConfigMissing);
  });
});
