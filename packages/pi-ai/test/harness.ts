/**
 * Shared by the differential and agent-loop tests: an emulator per provider, pi-ai's environment
 * (static test keys, no profile, no IMDS, no file outside the repo), and the projection that two
 * runs are compared by.
 */
import { DEMO_CREDENTIALS, startEmulator, type ConverseRequestInfo, type Reply } from "@streambed/emulator";
import {
  getModel,
  streamSimple,
  type AssistantMessage,
  type AssistantMessageEvent,
  type Context,
  type Model,
  type SimpleStreamOptions,
} from "@mariozechner/pi-ai";

/** The model every conversation uses: pi-ai's own catalogue entry (Claude Sonnet 4.6, US profile). */
export const BASE_MODEL = getModel("amazon-bedrock", "us.anthropic.claude-sonnet-4-6") as Model<"bedrock-converse-stream">;

/** pi-ai's environment for the tests: the emulator's demo keys, a region, nothing read from $HOME. */
const TEST_ENV: Record<string, string | undefined> = {
  AWS_REGION: "us-east-1",
  AWS_ACCESS_KEY_ID: DEMO_CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: DEMO_CREDENTIALS.secretAccessKey,
  AWS_CONFIG_FILE: "/dev/null",
  AWS_SHARED_CREDENTIALS_FILE: "/dev/null",
  AWS_EC2_METADATA_DISABLED: "true",
  AWS_PROFILE: undefined,
  AWS_DEFAULT_REGION: undefined,
  AWS_SESSION_TOKEN: undefined,
  AWS_BEARER_TOKEN_BEDROCK: undefined,
  AWS_ENDPOINT_URL_BEDROCK_RUNTIME: undefined,
  AWS_ENDPOINT_URL: undefined,
  PI_CACHE_RETENTION: undefined,
  AWS_BEDROCK_FORCE_CACHE: undefined,
  AWS_BEDROCK_SKIP_AUTH: undefined,
  HTTP_PROXY: undefined,
  HTTPS_PROXY: undefined,
  http_proxy: undefined,
  https_proxy: undefined,
  STREAMBED_CONFIG: undefined,
};

/** Set {@link TEST_ENV} on process.env (pi-ai and the AWS SDK read it); returns the undo. */
export function useTestEnv(extra: Record<string, string | undefined> = {}): () => void {
  const saved: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries({ ...TEST_ENV, ...extra })) {
    saved[key] = process.env[key];
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  return () => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
}

/** A loopback emulator verifying SigV4 with the demo keys, answering through `script`. */
export async function emulatorFor(script: (info: ConverseRequestInfo) => Reply | undefined) {
  const emulator = await startEmulator({ port: 0, credentials: [DEMO_CREDENTIALS], script });
  return { emulator, model: { ...BASE_MODEL, baseUrl: emulator.url } as Model<"bedrock-converse-stream"> };
}

/** An event as compared: its type and payload, without `partial` (the same message object throughout). */
export type ProjectedEvent = Record<string, unknown>;

export function project(event: AssistantMessageEvent): ProjectedEvent {
  const { partial: _partial, ...rest } = event as AssistantMessageEvent & { partial?: unknown };
  if (event.type === "done") return { type: "done", reason: event.reason };
  if (event.type === "error") return { type: "error", reason: event.reason, errorMessage: event.error.errorMessage };
  if (event.type === "toolcall_end") return { type: event.type, contentIndex: event.contentIndex, toolCall: structuredClone(event.toolCall) };
  return structuredClone(rest);
}

/** The final message as compared: without `timestamp` and `responseId` (they differ per call by nature). */
export function normalise(message: AssistantMessage): Record<string, unknown> {
  const { timestamp: _t, responseId: _r, ...rest } = structuredClone(message) as AssistantMessage & Record<string, unknown>;
  return rest;
}

/** One call through pi-ai's `streamSimple` (whichever provider is registered), recorded. */
export interface Turn {
  events: ProjectedEvent[];
  message: AssistantMessage;
}

/** Run one call; `abortAt` aborts the call's signal when an event of that type arrives. */
export async function runTurn(model: Model<"bedrock-converse-stream">, context: Context, options: SimpleStreamOptions & { abortAt?: string } = {}): Promise<Turn> {
  const { abortAt, ...rest } = options;
  const controller = abortAt ? new AbortController() : undefined;
  const s = streamSimple(model, context, { ...rest, ...(controller ? { signal: controller.signal } : {}) });
  const events: ProjectedEvent[] = [];
  for await (const event of s) {
    events.push(project(event));
    if (controller && event.type === abortAt && !controller.signal.aborted) controller.abort();
  }
  return { events, message: await s.result() };
}
