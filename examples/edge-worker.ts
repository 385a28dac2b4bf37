/**
 * A Worker-style module (Cloudflare Workers, workerd, Vercel edge, Deno Deploy, Bun): streams a chat
 * reply from Bedrock back as plain text. Credentials, region and endpoint come from the bindings:
 *
 *   AWS_BEARER_TOKEN_BEDROCK  or  AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY (+ AWS_SESSION_TOKEN)
 *   AWS_REGION, AWS_ENDPOINT_URL_BEDROCK_RUNTIME (optional), STREAMBED_MODEL (optional)
 *
 * `GET /?q=hello` or `POST /` with the prompt as the body. Bundled and run in workerd (miniflare) and
 * Vercel's edge-runtime by packages/edge/test against the local emulator.
 */
import { createBedrock, type BedrockClient, type StreamEvent } from "streambed";

export interface Env {
  AWS_REGION?: string;
  AWS_BEARER_TOKEN_BEDROCK?: string;
  AWS_ACCESS_KEY_ID?: string;
  AWS_SECRET_ACCESS_KEY?: string;
  AWS_SESSION_TOKEN?: string;
  AWS_ENDPOINT_URL_BEDROCK_RUNTIME?: string;
  STREAMBED_MODEL?: string;
}

const DEFAULT_MODEL = "us.anthropic.claude-sonnet-4-6";
const TEXT = { "content-type": "text/plain; charset=utf-8" };

/** One client per isolate and bindings object: it caches credentials and settings between requests. */
const clients = new WeakMap<Env, BedrockClient>();
function bedrockFor(env: Env): BedrockClient {
  let client = clients.get(env);
  if (!client) clients.set(env, (client = createBedrock({ env: env as Record<string, unknown> })));
  return client;
}

async function promptOf(request: Request): Promise<string> {
  if (request.method === "POST") return (await request.text()) || "Say hello from the edge.";
  return new URL(request.url).searchParams.get("q") ?? "Say hello from the edge.";
}

function describe(error: unknown): string {
  // streambed's errors never carry a secret; their messages say what to fix.
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const events = bedrockFor(env).stream({
      model: env.STREAMBED_MODEL ?? DEFAULT_MODEL,
      messages: [{ role: "user", content: await promptOf(request) }],
      maxTokens: 512,
    });
    // Wait for the first event, so that a bad key or an unknown model is an HTTP 502, not a broken stream.
    let first: IteratorResult<StreamEvent>;
    try {
      first = await events.next();
    } catch (error) {
      return new Response(`${describe(error)}\n`, { status: 502, headers: TEXT });
    }
    const encoder = new TextEncoder();
    const render = (ev: StreamEvent): string =>
      ev.type === "text_delta" ? ev.delta : ev.type === "done" ? `\n[stop: ${ev.reason}; tokens out ${ev.message.usage?.output ?? 0}]\n` : "";
    let pending: IteratorResult<StreamEvent> | undefined = first;
    const body = new ReadableStream<Uint8Array>({
      // Each pull must enqueue or close: a pull that does neither is never called again.
      async pull(controller) {
        try {
          for (;;) {
            const result = pending ?? (await events.next());
            pending = undefined;
            if (result.done) return controller.close();
            const text = render(result.value);
            if (text) return controller.enqueue(encoder.encode(text));
          }
        } catch (error) {
          controller.enqueue(encoder.encode(`\n[error: ${describe(error)}]\n`));
          controller.close();
        }
      },
      async cancel() {
        await events.return(undefined);
      },
    });
    return new Response(body, { headers: TEXT });
  },
};
