/**
 * A custom Transport: wrap the default undici transport and log each request's method, URL,
 * status, time to headers and body size — never headers (they carry the signature and tokens).
 * Any object with `send(request) → { status, headers, body }` can replace the wire.
 * Run: npx tsx examples/custom-transport.ts
 */
import type { HttpRequest, HttpResponse, Transport } from "@streambed/transport";
import { createUndiciTransport } from "@streambed/transport/undici";
import { withBedrock } from "./with-bedrock.js";

function loggingTransport(inner: Transport, log: (line: string) => void): Transport {
  return {
    async send(request: HttpRequest): Promise<HttpResponse> {
      const started = performance.now();
      const url = new URL(request.url);
      const what = `${request.method} ${url.origin}${url.pathname}`;
      let response: HttpResponse;
      try {
        response = await inner.send(request);
      } catch (error) {
        log(`${what} → ${(error as Error).name} after ${Math.round(performance.now() - started)} ms`);
        throw error;
      }
      log(`${what} → ${response.status} in ${Math.round(performance.now() - started)} ms`);
      // Count the body as it streams through, without holding it back.
      async function* counted(): AsyncGenerator<Uint8Array, void, undefined> {
        let bytes = 0;
        try {
          for await (const chunk of response.body) {
            bytes += chunk.byteLength;
            yield chunk;
          }
        } finally {
          log(`${what} body: ${bytes} bytes in ${Math.round(performance.now() - started)} ms`);
        }
      }
      return { ...response, body: counted() };
    },
    close: () => inner.close?.() ?? Promise.resolve(),
  };
}

const log = (line: string) => process.stderr.write(`[transport] ${line}\n`);
const { bedrock, model, close } = await withBedrock({ transport: loggingTransport(createUndiciTransport(), log) });
try {
  for await (const ev of bedrock.stream({ model, messages: [{ role: "user", content: "Stream this through a custom transport." }], maxTokens: 200 })) {
    if (ev.type === "text_delta") process.stdout.write(ev.delta);
    if (ev.type === "done") process.stdout.write(`\n[stop: ${ev.reason}]\n`);
  }
} finally {
  await close();
}
