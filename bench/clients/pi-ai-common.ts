/**
 * The pi-ai side of the pi-ai benchmark (bench/pi-ai.ts): the model pointed at the replay server,
 * the environment pi-ai's built-in provider reads (the AWS SDK's credentials from the environment;
 * HTTP/1.1, which the replay server speaks), and one `stream()` call counted in `text_delta`s.
 */
import type { AssistantMessageEventStream, Context, Model } from "@mariozechner/pi-ai";
import { CREDENTIALS, modelId, PROMPT, REGION } from "./types.js";

/** pi-ai's environment: the bench keys, the region, no shared files, HTTP/1.1 (pi-ai's AWS_BEDROCK_FORCE_HTTP1). */
export function usePiAiEnv(): void {
  Object.assign(process.env, {
    AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
    AWS_REGION: REGION,
    AWS_CONFIG_FILE: "/dev/null",
    AWS_SHARED_CREDENTIALS_FILE: "/dev/null",
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_BEDROCK_FORCE_HTTP1: "1",
  });
  for (const name of ["AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_BEARER_TOKEN_BEDROCK"]) delete process.env[name];
}

/** A pi-ai model whose custom `baseUrl` is the replay server (both providers then call it). */
export function benchModel(url: string, deltas: number): Model<"bedrock-converse-stream"> {
  return {
    id: modelId(deltas),
    name: "bench",
    api: "bedrock-converse-stream",
    provider: "amazon-bedrock",
    baseUrl: url,
    reasoning: false,
    input: ["text"],
    cost: { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 },
    contextWindow: 200_000,
    maxTokens: 64_000,
  };
}

export const CONTEXT: Context = { messages: [{ role: "user", content: PROMPT, timestamp: 0 }] };

/** Drain one pi-ai stream: the number of `text_delta`s; an `error` event throws its message. */
export async function countTextDeltas(events: AssistantMessageEventStream, onFirst?: () => void): Promise<number> {
  let n = 0;
  let first = onFirst;
  for await (const event of events) {
    if (first) (first(), (first = undefined));
    if (event.type === "text_delta") n++;
    else if (event.type === "error") throw new Error(event.error.errorMessage);
  }
  return n;
}
