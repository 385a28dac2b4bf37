/** Issue 8: what made the difference; cold start, memory and the first event explained (kept by hand). */
export const ISSUE_8 = `### What made the difference (issue 8)

Profiled with \`node --cpu-prof\` on the 200k-delta stream (\`node --cpu-prof bench/dist/client-worker.js cpu
streambed-undici <url> 200000 3\` against \`node bench/dist/replay-server.js\`). Per event, streambed
started at ≈ 3.7 µs of CPU (≈ 3.3× less than the AWS SDK, short of the 5× target); the costs were
garbage collection (≈ 20 %), \`JSON.parse\` + UTF-8 decoding of every payload (≈ 18 %), three
async-generator steps per event (\`tapActivity\` → \`decodeEventStream\` → \`normaliseStream\`) plus
the client's \`attempts()\` re-yielding every event, and the JS CRC-32 of each small frame (≈ 7 %).
Each change below is one commit, measured with the same command (median of 3 runs):

| change | where | µs / event |
|---|---|---:|
| starting point | | 3.7 |
| one async layer instead of three: the client drives the push \`EventStreamDecoder\` and a synchronous \`StreamNormaliser\` from one loop over the body chunks (frames are still normalised one at a time as the caller pulls) | \`core/stream/normalise-body.ts\`, \`normalise-stream.ts\` | 3.05 |
| text deltas without \`JSON.parse\`: a byte matcher recognises exactly Bedrock's \`{"contentBlockIndex":N,"delta":{"text":"…"},"p":"…"}\` and decodes only the text (escapes through \`JSON.parse\` of the string alone); any other shape takes the full path; differential tests against \`JSON.parse\` | \`core/stream/read-text-delta.ts\` | 2.75 |
| \`yield*\` instead of re-yielding every event after the first (retries only need the first) | \`core/client/create-client.ts\` | 2.6 |
| \`normaliseBody\` as an iterator object: an event already decoded is a resolved promise, no generator step | \`core/stream/normalise-body.ts\` | 2.4 |
| \`stream()\` hands off to that iterator after the first event (\`open()\` does the retries, \`handOff\` passes \`next()\` straight through; errors mapped and timeouts disposed by the iterator) | \`core/client/hand-off.ts\`, \`create-client.ts\` | 2.05 |
| the decoder's new opt-in \`shareHeaders\`: repeats of the previous frame's header bytes get one frozen headers object instead of four fresh objects per frame (decoder alone: 0.49 → 0.43 µs/frame) | \`transport/src/event-stream/header-block-cache.ts\`, \`normalise-body.ts\` | 1.9 |

Two things tried and dropped: decoding the text with a per-character \`String.fromCharCode\` loop
(slower: the message text is a rope of every delta, and ropes of per-character pieces tripled GC
time; one \`TextDecoder\` call on a view wins). Flattening the assembled text periodically made
no difference to this one-stream measure; with 1,000 streams at once it is what moved peak RSS
most (see "Memory" below).

What is left per event (≈ 1.9 µs): GC (≈ 17 %) of the per-frame and per-event objects (the
\`Buffer\` payload view and message object the decoder hands out, the view the text is decoded
from, the event and its resolved promise), the JS CRC-32 of each ≈ 110-byte frame (≈ 9 %),
decoding the text (≈ 9 %) and undici's own stream machinery. The raw-undici floor is ≈ 0.3 µs.

### Cold start: where it goes

Each change below is one commit; new process → first event, median of 7 processes, measured in
the bench run made with that commit (the table above is this run; runs differ by ≈ ±10 ms):

| change | where | streambed first event (ms) | import of the piece (ms) |
|---|---|---:|---:|
| starting point (last report) | | 185 | \`@streambed/transport/undici\` 77 |
| the undici transport loads \`undici/lib/dispatcher/agent.js\` and \`lib/api/api-request.js\` (calling \`request\` with the dispatcher as \`this\`, so it does not depend on undici's index patching \`Dispatcher.prototype\`) instead of undici's index (fetch, WebSocket, cache, mock agents, …); with a proxy variable set the index is loaded on first use, since \`EnvHttpProxyAgent\` tunnels through the \`connect()\` API the index installs | \`transport/src/undici/undici-parts.ts\` | 146 | 31 |
| \`@smithy/signature-v4\` bundled into transport's build from its ES modules, tree-shaken (its CommonJS entry, what Node resolves, loads every \`@smithy/core\` submodule); valibot bundled into core's the same way. Both became devDependencies; the bundled licences are in each package's \`THIRD-PARTY-NOTICES.md\` | \`tsup.library.ts\`, \`transport/tsup.config.ts\`, \`core/tsup.config.ts\` | 133 | \`@streambed/transport\` 32 → 9, \`@streambed/core\` 42 → 14 |
| undici's two files loaded with \`require()\` (\`createRequire\`) instead of an ESM \`import\`, which first runs Node's cjs-module-lexer over them (≈ 5 ms); json5 required only when a config file is read or written | \`transport/src/undici/undici-parts.ts\`, \`node/src/config/json5.ts\` | 128 | \`@streambed/node\` 68 → 43 |

The last two rows are one-off runs (7 processes each, interleaved with the AWS SDK; the
previous build measured 168 ms in the same interleaving). Where the ≈ 128 ms go now: Node's own
boot (≈ 60–65 ms, the node:http row), undici's Agent files (≈ 22–25 ms: \`node:http2\`, \`node:tls\`,
\`node:assert\` and ≈ 60 files of its own) plus the compile of its llhttp WebAssembly parser on
the first connection, ≈ 15 ms of our own code (compiling ≈ 250 KB of ES modules, valibot's schema
built at import) and ≈ 20 ms for the first call, spread over first-time compiles of every function
on the path (no single one over 1 ms in a \`--cpu-prof\` at 50 µs).

So ≤ 0.5 × the AWS SDK (≈ 90 ms on this machine) is out of reach for an undici-based client: raw
undici alone, loading only the Agent files and reading bytes without decoding, is ≈ 0.53 × the
SDK (the "Agent file only" row), before any signing, request building or decoding. Bundling
undici's Agent graph into one file was measured too (17–28 ms against 21–28 ms: within noise), and
Node 20 has no \`module.enableCompileCache()\` (Node ≥ 22.1). Only a transport on node:http (its
parser is native and already loaded with Node) could get there; issue 20 added one (\`createNodeHttpTransport()\`, see above), undici stays the default.

### Memory with 1,000 concurrent streams

Peak RSS (the kernel's high-water mark) went from ≈ 200 to ≈ 170 MB; still over the 150 MB target.
Each change below was measured with the concurrency worker alone (\`node bench/dist/client-worker.js
concurrency streambed-undici <url> 1000 1000\`, 3–6 runs per arm, the arms interleaved; runs
differ by ≈ ±8 MB):

| change | where | peak RSS (MB) |
|---|---|---:|
| starting point | | 200–202 |
| \`@smithy/signature-v4\` bundled (see "Cold start"): RSS after import 23 → 15 MB; the peak hardly moved | \`transport/tsup.config.ts\` | 196–206 |
| one small-frame slab for every decoder in the process, like Node's \`Buffer\` pool, instead of 16 KiB per decoder (regions are handed out once and never reused, so sharing is safe) | \`transport/src/event-stream/event-stream-decoder.ts\` | 189–197 |
| a \`Buffer\` chunk is viewed as a plain \`Uint8Array\` before decoding: \`Buffer#subarray\` builds a FastBuffer through JS, so every payload view cost ≈ 180 bytes, now ≈ 130 (V8's sampling heap profiler, allocations per event) | same | (within noise) |
| the partial message's text kept flat: \`text += delta\` makes a V8 rope whose ≈ 32-byte nodes each keep a piece alive; reading one character flattens it, every 32 appends and, once the text is long, only after it has grown by 1/8 (copying stays linear: ≈ 9× the final length at most). 1,000 texts of 1,000 deltas: heap after GC 53 → 6 MB in isolation | \`core/stream/growing-text.ts\` | 184–202 → 168–180 |
| all of the above, against the previous build, interleaved | | 188–211 → 170–180 |

Flattening settings compared (3 runs each, twice): every 32 appends with 1/8 growth 168–179; every
32 with 1/1 growth 174–183; every 64 with 1/2 growth 171–182; never 183–192. Note \`s | 0\` and
\`Number(s)\`, the usual "flatstr" trick, do not flatten a rope in V8 11 (53 MB either way);
\`charCodeAt(0)\` does.

What is left (\`process.memoryUsage()\`, \`--trace-gc-nvp\` and heap snapshots of the same run):

- The live heap is small: a heap snapshot with 751 streams open holds 18.7 MB, 3.6 MB of it code;
  per stream only its socket, parser, timers and state.
- The floor is undici's. Layer by layer, same load, 5 interleaved runs each on a quiet machine
  (min–max, median):

  | what runs | peak RSS (MB) |
  |---|---|
  | raw undici (Agent file), reading bytes | 130–160, median 147 |
  | streambed's undici transport + SigV4 signing, reading bytes | 140–155, median 145 |
  | + the event-stream decoder (frames decoded, then dropped) | 159–170, median 160 |
  | the full client (events through \`for await\`) | 166–181, median 169 |
  | the AWS SDK (a sixth of the throughput) | 138–142, median 140 |

  So signing and the transport cost nothing measurable; what adds ≈ 15 MB is allocating per frame
  at all (the young generation fills and grows to its 2 × 16 MB maximum; raw undici's new space
  grows there too), and the events, their promises and the caller's \`for await\` add the rest. An
  async-iterator client that hands out an object per event cannot get near the raw floor of
  ≈ 147 MB at this throughput.
- On top of that floor: the old generation (≈ 40 MB before a mark-compact against ≈ 14 MB for raw
  undici): every scavenge promotes ≈ 0.4 MB of in-flight per-stream objects and the text flattens
  of long-lived streams are allocated there; and ≈ 20–35 MB of socket chunks (64 KiB reads, ≈ 3
  per stream) pinned by payload views until the next scavenge.
- Tried and dropped (no measurable change): undici's body \`highWaterMark\` at 8 or 16 KiB, handing
  the consumer 8, 2 or 1 KiB views of undici's 64 KiB chunks, \`--no-allocation-site-pretenuring\`,
  reusing \`SignatureV4\` instances, and decoding one frame per pull (see the end of this file).
- What does move it is V8's young generation: \`node --max-semi-space-size=8\` gives ≈ 153 MB and
  \`=4\` ≈ 150 MB with the same throughput (raw undici at 4: 136–147 MB). That is the
  application's choice, not a library's, and the benchmark runs every client with Node's defaults.

### Time to first event

Where a warm call's time goes, streambed against undici on the same loopback server (medians of
400 calls, each after a full request, so every phase starts with the CPU just back from waiting
on the network; a one-off probe, not part of \`pnpm bench\`, wraps the undici transport and timestamps each phase): call → \`transport.send()\` ≈ 125–135 µs,
send → response headers ≈ 270 µs (raw undici's whole call → first chunk ≈ 250 µs; sending
streambed's exact signed headers and body with undici directly ≈ 240 µs, so the request shape
costs nothing), headers → first body chunk in the client ≈ 45 µs, first chunk → \`start\` ≈ 20 µs.

The largest piece is SigV4 signing: ≈ 75–80 µs right after a network wait (≈ 25 µs in a tight
loop). Changes, each one commit:

| change | where | \`signRequest\` after I/O (µs) | overhead over raw undici (ms) |
|---|---|---:|---:|
| starting point | | 95 | +0.27–0.28 (3 runs) |
| each request URL parsed once: a bounded memo (64 URLs) shared by \`signRequest\` and the undici transport; \`new URL()\` cost ≈ 10 µs after a network wait, twice per call | \`transport/src/signing/parse-request-url.ts\` | 77 | +0.25 (3 runs) |

What is left of signing is smithy's own \`sign()\` (74–82 µs after I/O): reusing one
\`SignatureV4\` instance saves ≈ 1–2 µs (72 vs 74 µs; in a tight loop 24.5 vs 24.2–25.2 µs, i.e.
nothing), because @smithy/signature-v4 5.7 keeps its signing-key cache at module level, not per
instance; per call it computes an HMAC of the credentials as the cache key, the payload hash,
the canonical-request hash and the signature HMAC (four node:crypto objects), and clones the
request. So the per-instance cache the issue suggested was measured and not added.

Tried and dropped: reading undici's body with \`read()\` and its events instead of \`Readable\`'s
async iterator (time to first event +0.247 vs +0.25 ms, CPU per event 1.77 vs 1.78 µs: no
difference). Lazy-loading smithy on the first signing would not change this measure and would
put a dynamic \`import()\` on every first SigV4 call of the CJS build (Jest without
\`--experimental-vm-modules\` rejects \`import()\` in CJS), so smithy stays a static import.
The rest of the call is core's: model resolution and request building, the call's timers and
abort wiring (an \`AbortController\` and two timers per call), and decoding every frame of the first
chunk before handing out \`start\`. The AWS SDK adds ≈ 3× as much.
`;
