/** Send an image (bytes) with a question. Run: npx tsx examples/image.ts [path/to/image.png] */
import { readFile } from "node:fs/promises";
import { withBedrock } from "./with-bedrock.js";

// A 1×1 red PNG, so the example runs without any file.
const RED_PIXEL_PNG = Uint8Array.from(
  atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=="),
  (c) => c.charCodeAt(0),
);

const path = process.argv[2];
const data = path ? new Uint8Array(await readFile(path)) : RED_PIXEL_PNG;
const mimeType = path?.endsWith(".jpg") || path?.endsWith(".jpeg") ? "image/jpeg" : "image/png";

const { bedrock, model, close } = await withBedrock();
try {
  for await (const ev of bedrock.stream({
    model,
    maxTokens: 300,
    messages: [{ role: "user", content: [{ type: "image", data, mimeType }, { type: "text", text: "What colour is this image?" }] }],
  })) {
    if (ev.type === "text_delta") process.stdout.write(ev.delta);
  }
  process.stdout.write(`\n[sent ${data.byteLength} image bytes]\n`);
} finally {
  await close();
}
