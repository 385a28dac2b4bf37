import { AwsErrorReply } from "../http/aws-error.js";
import { isObject, type JsonObject } from "../validation/json.js";

/** A Prompt management prompt the emulator knows: Converse calls whose model is its ARN run it. */
export interface EmulatorPrompt {
  /** The prompt id (10 characters, the segment after `prompt/` in its ARN). */
  id: string;
  /** Versions that exist (the ARN's `:N` suffix; none = the draft). Default `["1"]`. */
  versions?: string[];
  /** The prompt's text; `{{name}}` marks a variable filled from `promptVariables`. */
  text: string;
  /** The foundation model the prompt runs on. */
  modelId: string;
}

/** The prompt every emulator knows: `PROMPT1234` (version 1), "Tell me about {{topic}} in one sentence." on Nova Pro. */
export const TEST_PROMPT: EmulatorPrompt = { id: "PROMPT1234", text: "Tell me about {{topic}} in one sentence.", modelId: "amazon.nova-pro-v1:0" };

const PROMPT_ARN = /^arn:aws(?:-[a-z-]+)?:bedrock:[a-z0-9-]+:\d{12}:prompt\/([A-Za-z0-9]{10})(?::([A-Za-z0-9]+))?$/;
/** Fields a prompt defines, which Bedrock rejects in the request (the API reference's list). */
const PROMPT_FIELDS = ["system", "toolConfig", "inferenceConfig", "additionalModelRequestFields"];

/** The request a prompt becomes: its foundation model and the body with the rendered prompt as the first user message. */
export interface PromptCall {
  modelId: string;
  body: JsonObject;
}

/**
 * A Converse call whose model is a prompt ARN: the prompt found (unknown → 404
 * `ResourceNotFoundException`), the fields it defines absent from the request, every `{{variable}}`
 * given in `promptVariables` (`{ name: { text } }`), then the body with the rendered prompt as the
 * first user turn (`messages`, which may be empty, follow; a first user message joins that turn) and
 * the prompt's model. `undefined` when the model is not a
 * prompt ARN; `promptVariables` without one is a 400. Messages are the emulator's (Bedrock's exact
 * texts are not known).
 */
export function promptCall(modelId: string, body: JsonObject, prompts: EmulatorPrompt[]): PromptCall | AwsErrorReply | undefined {
  const arn = PROMPT_ARN.exec(modelId);
  if (!arn) {
    return body["promptVariables"] !== undefined
      ? new AwsErrorReply(400, "ValidationException", "promptVariables can only be used when the modelId is the ARN of a prompt from Prompt management.")
      : undefined;
  }
  const [, id, version] = arn;
  const prompt = prompts.find((p) => p.id === id);
  if (!prompt || (version !== undefined && !(prompt.versions ?? ["1"]).includes(version))) {
    return new AwsErrorReply(404, "ResourceNotFoundException", `The prompt ${modelId} does not exist.`);
  }
  const given = PROMPT_FIELDS.filter((f) => body[f] !== undefined);
  if (given.length > 0) {
    return new AwsErrorReply(400, "ValidationException", `You can't set ${given.join(", ")} when the model is a prompt from Prompt management: the prompt defines them.`);
  }
  const variables = isObject(body["promptVariables"]) ? body["promptVariables"] : {};
  const missing: string[] = [];
  const text = prompt.text.replace(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (_, name: string) => {
    const value = variables[name];
    if (isObject(value) && typeof value["text"] === "string") return value["text"];
    missing.push(name);
    return "";
  });
  if (missing.length > 0) return new AwsErrorReply(400, "ValidationException", `The prompt's variables ${missing.join(", ")} have no value in promptVariables.`);
  const messages: unknown[] = Array.isArray(body["messages"]) ? body["messages"] : [];
  const { promptVariables: _vars, ...rest } = body;
  // The caller's messages follow the prompt's; a first user message joins the prompt's user turn.
  const first = messages[0];
  const joined =
    isObject(first) && first["role"] === "user" && Array.isArray(first["content"])
      ? [{ role: "user", content: [{ text }, ...first["content"]] }, ...messages.slice(1)]
      : [{ role: "user", content: [{ text }] }, ...messages];
  return { modelId: prompt.modelId, body: { ...rest, messages: joined } };
}

/** {@link promptCall} on the raw request bytes (a body that is not a JSON object is left to the Converse checks). */
export function promptCallOfRaw(raw: Uint8Array, modelId: string, prompts: EmulatorPrompt[]): { modelId: string; raw: Uint8Array } | AwsErrorReply | undefined {
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder().decode(raw));
  } catch {
    return undefined;
  }
  if (!isObject(body)) return undefined;
  const call = promptCall(modelId, body, prompts);
  if (call === undefined || call instanceof AwsErrorReply) return call;
  return { modelId: call.modelId, raw: new TextEncoder().encode(JSON.stringify(call.body)) };
}
