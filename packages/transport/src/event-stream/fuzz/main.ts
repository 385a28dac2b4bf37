// The decoder fuzzer from the command line (Node):
//   FUZZ_COUNT=1000000 npx tsx packages/transport/src/event-stream/fuzz/main.ts
// Environment: FUZZ_COUNT (default 100,000), FUZZ_SEED (default 1), FUZZ_FROM (first case, to
// replay one failure: FUZZ_FROM=<case> FUZZ_COUNT=1), FUZZ_CRC=js|zlib (default zlib).
import { crc32 as zlibCrc32 } from "node:zlib";
import type { Crc32 } from "../types.js";
import { fuzzDecoder } from "./fuzz-decoder.js";

const count = Number(process.env.FUZZ_COUNT ?? 100_000);
const seed = Number(process.env.FUZZ_SEED ?? 1);
const from = Number(process.env.FUZZ_FROM ?? 0);
const crc = process.env.FUZZ_CRC === "js" ? undefined : (zlibCrc32 as Crc32);

const started = performance.now();
const elapsed = () => ((performance.now() - started) / 1000).toFixed(1);
console.log(`fuzzing the event-stream decoder: ${count.toLocaleString("en")} cases from #${from}, seed ${seed}, ${crc ? "zlib" : "JS"} crc32`);
try {
  const report = await fuzzDecoder({
    count,
    seed,
    from,
    ...(crc ? { crc32: crc } : {}),
    onProgress: (done) => {
      if (done % 100_000 === 0) console.log(`  ${done.toLocaleString("en")} cases, ${elapsed()} s`);
    },
  });
  console.log(`ok: ${report.cases.toLocaleString("en")} cases in ${elapsed()} s, no invariant broken`);
  console.log(JSON.stringify(report, null, 2));
} catch (error) {
  console.error(`FAILED after ${elapsed()} s:`, error);
  process.exitCode = 1;
}
