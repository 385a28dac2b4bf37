/** Issue 20, fourth pass: what made the difference, and the floors measured layer by layer (kept by hand). */
export const ISSUE_20_FOURTH_PASS = `### Issue 20, fourth pass: signing, the warm call, bytes per event, what cold start is made of

Measured like the passes above: interleaved A/B rounds of the same worker against the build before
(load given), callgrind for cold start and for instructions per call, probes in one process for the
layers (not committed). The machine ran three measuring sessions at once (load 4–8), so only
changes whose paired rounds agree are claimed.

| change | where | measured |
|---|---|---|
| SigV4's HMACs as RFC 2104's two one-shot hashes (\`crypto.hash\`, pads made once per signing key) instead of an HMAC object per request, still passed to smithy's \`SignatureV4\` as its SHA-256; the signing date written from the date's UTC fields (smithy's \`toISOString()\` and two regular expressions for the years it cannot) | \`node/src/node-sha256.ts\` (first written in transport, moved to the Node adapter: see the bundle below), \`transport/src/signing/sign-date.ts\` | smithy's \`sign\` 89.9 → 73.5 µs per call (of which the signature HMAC 28.6 → 14.0, the date 14.8 → 7.7); tests against \`createHmac\` and smithy's \`formatDate\` |
| a warm call resolves config, model and target without awaits, builds its body without a promise when it has no payload hook, takes the chain's cached credentials without a promise, builds its timeouts and sign options without spreads; \`send()\` returns the transport's promise as it is without a debug sink; an exact event-stream content type skips the reply check's call | \`core/src/client/\`, \`core/src/model/\`, \`core/src/credentials/\` | config and model 15.9 → 8.6 µs; credentials 8.9 → 7.1 |
| \`mapMessages\` without per-message closures or copies, and no tool-call ledger for a conversation without tool calls; a string user message maps straight to its text block | \`core/src/request/map-messages.ts\` | \`mapMessages\` 15.7 → 7.5 µs; body build 33.8 → 25.2 |
| node:http: a signed request's headers handed to Node as a flat list (the request head is byte-identical; a test compares it with the object form) | \`transport/src/node-http/\` | node:http before dispatch 255 → 207 µs |
| all of the above, time to first event over the raw floor | | one process, 7 rounds × 300 calls, load 4–8: undici +374 → +339 µs (paired gain median 53 µs, 17–238; lower in 7/7 rounds), node:http +475 → +433 (gain 62, 36–94; 7/7); callgrind per call: undici 3.40 → 3.29 M instructions (raw 1.20–1.30), node:http 3.21 → 2.98 M |
| per event: the CRCs compared as signed 32-bit integers (no heap number per frame), one flat string per ASCII delta of up to 32 bytes (a rope of three before), a shared header cache's frozen sections kept realm-wide (decoded once per process, not once per stream); per stream: the body iterator sees the call's abort through \`timer.reason\` (no abort listener per stream), \`CallTimeouts\` makes its caller-abort listener only for a caller signal, a finished iterator drops its normaliser and last events, a settled text gives back its piece buffer | \`transport/src/event-stream/\`, \`core/src/stream/\`, \`core/src/client/call-timeouts.ts\` | bytes allocated per delta ≈ 649 → 480 (200 of them the bench's own \`for await\`), per call 68.0 → 64.4 KB (raw 16.1); promoted at 1,000 × 1,000: 45.9–46.8 → 40.8–42.7 MB (raw 11.5–12.4); peak RSS 173.5 (171.3–190.8) → 172.2 (168.0–175.7) MB, raw 138.0, within noise (4 of 7 paired rounds lower); CPU per event with the forced GC 1.308 (1.13–1.51) → 1.267 (1.23–1.45) µs, −2 to −3 %, within noise |
| tried and taken back: decoding a chunk's frames 16–64 at a time (the frame queue's kept room) | \`normalise-body.ts\` | equal or better in memory, but ≈ 0.2 µs per event slower over the replay socket (1.30 vs 1.09 µs, 6 rounds), cause not found |
| the known-model table matched by id prefix instead of ≈ 50 regular expressions compiled on the first lookup | \`core/src/discovery/known-model-limits.ts\` | cold start 1372 (1360–1376) → 1362 (1361–1364) M instructions; node:http 766 → 757 M |
| tried and taken back: dist files without comments and layout (esbuild \`minifyWhitespace\` / \`minifySyntax\`, names kept) | \`tsup.library.ts\` | ≈ −6 to −8 M (core 269 → 208 KB), but \`minifyWhitespace\` drops the \`/* @__PURE__ */\` annotations (70 → 0 in core) and \`minifySyntax\` merges top-level declarations, so the edge tree-shaking test failed: the config schema came back into the stream-only bundle |

**Time to first event, layer by layer, fourth pass** (undici, in-flow probes, medians of 4 × 400
interleaved calls, load 4–8; the probes add their own cost):

| layer | third pass | fourth pass |
|---|---:|---:|
| config and model | 15.9 | 8.6 |
| runtime target | 3.3 | 1.6 |
| body build (of which \`mapMessages\`) | 33.8 (15.7) | 25.2 (7.5) |
| body JSON + UTF-8 | 10.0 | 9.9 |
| credentials | 8.9 | 7.1 |
| signing wrapper (body hash) | 20.2 | 18.9 |
| smithy's \`SignatureV4.sign\` | 89.9 | 73.5 |
| \`CallTimeouts\` per attempt | 9.9 | 9.6 |
| \`AbortController\`, send plumbing | 8.0 | 9.6 |
| **before the request is dispatched** | **207** | **172** |
| \`normaliseBody\` created | 44.0 | 43.8 |
| first pull → first event | 36.2 | 36.5 |

(The "third pass" column is the same probes on the third pass's build in this session's rounds;
the third pass's own table, at a higher load, read 240 before dispatch.) What stays: each native
hash costs ≈ 8 µs when the CPU comes back from waiting on the network and signing makes four (the
body hash is 8 of the wrapper's 19 µs); the rest of smithy (canonical headers and request ≈ 15 µs,
the request clone ≈ 5, a \`TextEncoder\` per string) is smithy's own; creating the normaliser
≈ 44 µs (cold caches after the network wait: 5 µs warm in a loop); the \`AbortController\` per
attempt and undici's abort listener ≈ 10 µs (a lighter signal object for undici would need a
Transport contract change). Rejected: remembering the formatted date per second (it only helps
high request rates such as the benchmark's), a JS UTF-8 encoder (no gain measured), undici headers
as a flat list (undici does the same work either way).

**Peak RSS, fourth pass: the text, checked again.** Emptying each text at its block's end (a test
build, not the API) cut promotion from 42 to 26 MB: the text is promoted because objects already in
old space reach it while and after its stream ends — promises resolved with event results (the
caller's first \`next()\`, made before the request goes out, \`open()\`, \`attemptsWithin()\`, and
every pull that waited across two scavenges), and each event's \`partial\` is the message, which the
events contract makes the same object throughout. Cutting the first two links in a test build did
not lower promotion (the waits for chunks hold it too). Holding the text as bytes outside the JS
heap costs the same RSS: the bytes also stay until the next full GC. After the first responses,
promotion runs at ≈ 0.8 MB per scavenge for ≈ 30 scavenges (finished streams' text and message);
the start phase promotes ≈ 13 MB against raw's 5.4 (1,000 calls advance together through ≈ 10
awaits each, so what is alive at each scavenge is promoted); turning every timeout off changed
promotion by ≤ 1 MB. Signing allocates ≈ 10 KB per call inside smithy (three header sorts
≈ 2.7 KB, canonical headers, string to sign, hex). External memory at the peak (undici's unread
chunks) varies 12–60 MB run to run, which is why ≈ 5 MB less promotion does not show in RSS
reliably. The third pass's floor stands: the text kept by contract alone is ≈ 1.12× raw undici.

**Cold start, fourth pass: what the ≈ 160 M instructions are** (callgrind, a whole new process to
the first event, streambed-undici minus the raw undici Agent floor, inclusive costs):

| cause | M instructions |
|---|---:|
| loading our 8 ES module files: scanning and preparsing (≈ 85 % of it parsing) | +45 |
| compiling functions the first time they are called (full parse + bytecode) | +40 |
| regular-expression compiles (+9.5 after this pass) | +11.6 |
| V8's background optimising compile of Node's own \`getPathFromURLPosix\` / \`normalizeString\`, which the extra module resolutions make hot | +11.4 |
| Sparkplug batch compiles | +8 |
| object literals | +6.5 |
| young-generation GCs | +4.5 |
| interpreting our code's first run, inline caches, the loader | ≈ 35–40 |

Built-in modules loaded are the same for streambed and the floor (196 each). Coverage shows 213 KB
of the 403 KB streambed loads never runs on the stream path (the Node adapter 83 %, core 52 %,
transport 33–42 %): deferring all of it would save ≈ 45 × 0.53 ≈ 24 M of loading plus ≤ 2 M of
schema building, leaving ≈ 130 M. The rest is the ≈ 190 KB that does run, compiled and run once:
≈ 40 M of compiles, ≈ 40 M of interpretation and inline caches, ≈ 20 M of tier-up compiles, ≈ 9 M
of regular expressions. 75 M (≈ 10 ms) would take about half as much code on the path of a first
\`stream()\` — request checking, normalisation, retries and typed errors are most of it, the same
behaviour the bundle floor counts — or Node 22's compile cache, which is the host's switch.

**CPU per event, fourth pass: the profile is flat.** Of the CPU that is not idle in a 200k-delta
stream: the JS CRC-32 (already slicing-by-16, two checks per frame) ≈ 16 %, the garbage collector
≈ 13 %, the body reader ≈ 7 %, the async iterator's \`next\` ≈ 5 %, the bench's own loop ≈ 5 %,
\`asciiString\` ≈ 5 %, header decode ≈ 4 %, the rest under 4 % each. There is no one lever left; the
remaining socket cost is in undici and Node's \`Readable\`.

**This pass in the full run above** (\`BENCH_ONLY=clients pnpm bench\`, load 1.5 → 0.3): time to
first event over the raw floor undici +0.274 → **+0.238 ms**, node:http +0.348 → **+0.268 ms**; cold
start own overhead 47.1 → 42.0 ms (rounds 34–69; the callgrind figures above are the repeatable
ones); peak RSS 1.28× → 1.29× (rounds 1.16–1.41: no change the rounds resolve); CPU per event
1.18 → 1.33 µs against an AWS SDK that ran at 11.30 µs (16.60 in the last run): 8.7× (paired
rounds 8.1–10.0). Both the SDK and streambed are bimodal on this machine (see the third pass's
check); the interleaved A/B rounds above, which compare builds in the same rounds, show the CPU
change of this pass as within noise. A check of time to first event in one process, the builds
interleaved with the order rotating (5 × 300 calls, load ≈ 0.5): the session's starting build
+337 µs over raw undici (335–340), this pass +272 (259–276).

Tried and not kept: making the stream's iterator (decoder, normaliser, message) just before the
request is sent and giving it the body when the response arrives, so that its ≈ 44 µs of
construction would run with warm caches instead of after the network wait: in one process, 5 × 300
interleaved calls, −15 to +18 µs, no change. The construction cost the probes saw moves to the
first use of the same objects.

**Bundle, fourth pass** (\`pnpm size\`): the stream-only bundle 49.1 → **50.4 KB** gzip (151.0 KB
minified), with discovery and config 56.4 → 57.6 KB, the transport floor 11.1 → 11.5 KB. The HMAC
by hashes was first written in the transport, which chose it at run time when the SHA-256 had a
one-shot \`hashHex\`, so every edge bundle carried it (50.8 KB, floor 11.9); it now lives in
\`@streambed/node\`'s \`NodeSha256\`, the only SHA-256 with a one-shot hash (−0.4 KB; time to first event unchanged by the
move: 5 × 300 interleaved calls in one process, −11 to +20 µs). What is left of
the growth is the date formatting, the realm-wide header sections, \`ascii-string.ts\` (a one-call
string up to 32 bytes: 4.7 KB minified, little gzipped) and the warm call's synchronous paths:
wins in Node that cost the edge ≈ 1.3 KB.

`;
