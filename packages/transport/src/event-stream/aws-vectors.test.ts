// AWS's event-stream conformance vectors (5 positive, 4 negative), copied into test/vectors (see its NOTICE).
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { crc32 as zlibCrc32 } from "node:zlib";
import { describe, expect, it } from "vitest";
import { crc32 } from "./crc32.js";
import { encodeEventStreamMessage } from "./encode-event-stream-message.js";
import { byteByByte, decodeAll, feedAll, randomSplit, seededRandom, type FeedOutcome } from "./test-support/feed.js";
import type { Crc32, EventStreamHeaders, EventStreamHeaderValue } from "./types.js";

const VECTORS = resolve(dirname(fileURLToPath(import.meta.url)), "../../test/vectors");

interface DecodedVector {
  total_length: number;
  headers_length: number;
  prelude_crc: number;
  headers: { name: string; type: number; value: number | boolean | string }[];
  payload: string;
  message_crc: number;
}

const fromBase64 = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, "base64"));

function expectedValue(h: DecodedVector["headers"][number]): EventStreamHeaderValue {
  const v = h.value;
  switch (h.type) {
    case 0:
    case 1:
      return { type: "boolean", value: v as boolean };
    case 2:
      return { type: "byte", value: v as number };
    case 3:
      return { type: "short", value: v as number };
    case 4:
      return { type: "integer", value: v as number };
    case 5:
      return { type: "long", value: BigInt(v as number) };
    case 6:
      return { type: "binary", value: fromBase64(v as string) };
    case 7:
      return { type: "string", value: new TextDecoder().decode(fromBase64(v as string)) };
    case 8:
      return { type: "timestamp", value: new Date(v as number) };
    case 9:
      return { type: "uuid", value: Buffer.from(v as string, "base64").toString("hex").replace(/^(.{8})(.{4})(.{4})(.{4})/, "$1-$2-$3-$4-") };
    default:
      throw new Error(`vector has unknown header type ${h.type}`);
  }
}

const names = (kind: string) => readdirSync(join(VECTORS, "encoded", kind)).sort();
const encoded = (kind: string, name: string) => new Uint8Array(readFileSync(join(VECTORS, "encoded", kind, name)));
const decoded = (kind: string, name: string) => readFileSync(join(VECTORS, "decoded", kind, name), "utf8");

const u32 = (b: Uint8Array, i: number) => new DataView(b.buffer, b.byteOffset).getUint32(i);

/** Each vector is fed whole, byte by byte and in 50 seeded random splits, to both decoder APIs. */
async function everyFeeding(bytes: Uint8Array, crc: Crc32, check: (outcome: FeedOutcome, how: string) => void): Promise<void> {
  const random = seededRandom(bytes.length * 7919);
  const feedings: [string, Uint8Array[]][] = [
    ["whole", [bytes]],
    ["byte by byte", byteByByte(bytes)],
    ...Array.from({ length: 50 }, (_, k): [string, Uint8Array[]] => [`random split #${k}`, randomSplit(bytes, 1 + (k % 6), random)]),
  ];
  for (const [how, chunks] of feedings) {
    check(feedAll(chunks, { crc32: crc }), `${how} (push)`);
    check(await decodeAll(chunks, { crc32: crc }), `${how} (async)`);
  }
}

const crcs: [string, Crc32][] = [
  ["JS crc32", crc32],
  ["node:zlib crc32", zlibCrc32 as Crc32],
];

describe("AWS event-stream conformance vectors", () => {
  it("are all present (5 positive, 4 negative, encoded and decoded)", () => {
    expect(names("positive")).toEqual(["all_headers", "empty_message", "int32_header", "payload_no_headers", "payload_one_str_header"]);
    expect(names("negative")).toEqual(["corrupted_header_len", "corrupted_headers", "corrupted_length", "corrupted_payload"]);
  });

  describe.each(crcs)("with %s", (_, crc) => {
    it.each(names("positive"))("positive %s decodes to exactly the listed frame", async (name) => {
      const bytes = encoded("positive", name);
      const want = JSON.parse(decoded("positive", name)) as DecodedVector;
      // The listed lengths and CRCs are the frame's, and are what our CRC computes.
      expect(bytes.length).toBe(want.total_length);
      expect(u32(bytes, 4)).toBe(want.headers_length);
      expect(u32(bytes, 8)).toBe(want.prelude_crc >>> 0);
      expect(crc(bytes.subarray(0, 8))).toBe(want.prelude_crc >>> 0);
      expect(u32(bytes, bytes.length - 4)).toBe(want.message_crc >>> 0);
      expect(crc(bytes.subarray(0, bytes.length - 4))).toBe(want.message_crc >>> 0);

      const headers: EventStreamHeaders = {};
      for (const h of want.headers) headers[h.name] = expectedValue(h);
      const payload = fromBase64(want.payload);

      await everyFeeding(bytes, crc, ({ messages, error }, how) => {
        expect(error, how).toBeNull();
        expect(messages, how).toHaveLength(1);
        const [m] = messages;
        expect(Object.keys(m!.headers), how).toEqual(want.headers.map((h) => h.name)); // wire order
        expect(m!.headers, how).toEqual(headers);
        expect(m!.payload, how).toEqual(payload);
        // Re-encoding reproduces the vector byte for byte: same lengths, same header bytes, same CRCs.
        expect(encodeEventStreamMessage(m!, { crc32: crc }), how).toEqual(bytes);
      });
    });

    it.each(names("negative"))("negative %s is rejected with the listed reason", async (name) => {
      const bytes = encoded("negative", name);
      const reason = decoded("negative", name).trim();
      const code = { "Prelude checksum mismatch": "prelude-crc", "Message checksum mismatch": "message-crc" }[reason];
      expect(code, `unknown reason "${reason}"`).toBeDefined();
      await everyFeeding(bytes, crc, ({ messages, error }, how) => {
        expect(messages, how).toHaveLength(0);
        expect(error?.reason, how).toBe(code);
        expect(error?.message, how).toContain(reason);
        expect(error?.name, how).toBe("EventStreamDecodeError");
        expect(error?.retryable, how).toBe(false);
      });
    });
  });

  it("decodes all five positive vectors back to back in one stream, split anywhere", async () => {
    const parts = names("positive").map((n) => encoded("positive", n));
    const stream = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let offset = 0;
    for (const p of parts) {
      stream.set(p, offset);
      offset += p.length;
    }
    await everyFeeding(stream, crc32, ({ messages, error }, how) => {
      expect(error, how).toBeNull();
      expect(messages.map((m) => encodeEventStreamMessage(m)), how).toEqual(parts);
    });
  });
});
