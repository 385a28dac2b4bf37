/** The emulator's own faults (the `x-streambed-emulator-fault` header): HTTP errors, exception frames, CRCs, stalls, resets, slow tokens, once-then-OK. */
import { acceptedAuth, between, chaosModel, emulatorFault, retried, type CallFault } from "./call-fault.js";

const HTTP_FAULTS: Array<[string, string]> = [
  ["throttle", "ThrottlingError"],
  ["model-not-ready", "ModelError"],
  ["400", "ValidationError"],
  ["403", "AccessDeniedError"],
  ["404", "ResourceNotFoundError"],
  ["408", "ModelError"],
  ["424", "ModelError"],
  ["500", "InternalServerError"],
  ["503", "ServiceUnavailableError"],
];

const EXCEPTION_FRAMES: Array<[string, string, string]> = [
  ["internalServerException", "InternalServerError", "InternalServerError"],
  ["modelStreamErrorException", "ModelStreamError", "ModelError"],
  ["validationException", "ValidationError", "ValidationError"],
  ["throttlingException", "ThrottlingError", "ThrottlingError"],
  ["serviceUnavailableException", "ServiceUnavailableError", "ServiceUnavailableError"],
];

export const emulatorFaults: CallFault[] = [
  emulatorFault("clean", "http", () => ({ header: "", expect: ["done"] })),
  ...HTTP_FAULTS.map(([header, error]) => emulatorFault(`emulator ${header}`, "http", () => ({ header, expect: [error] }))),
  ...EXCEPTION_FRAMES.map(([header, streamed, completed]) => emulatorFault(`frame ${header}`, "wire", () => ({ header, expect: [streamed], expectComplete: [completed] }))),
  emulatorFault("frame error-frame", "wire", () => ({ header: "error-frame", expect: ["UnknownServiceError"], expectComplete: ["complete"] })),
  ...["bad-prelude-crc", "bad-message-crc", "truncated"].map((header) =>
    emulatorFault(`emulator ${header}`, "wire", () => ({ header, expect: ["EventStreamDecodeError"], expectComplete: ["complete"] })),
  ),
  emulatorFault("emulator stall mid-stream", "wire", (ctx) => {
    const idleMs = between(ctx.random, 100, 400);
    // Converse pauses before its headers instead: the first-byte limit ends each attempt.
    return { header: `stall:${between(ctx.random, 3, 6)}`, expect: ["TimeoutError"], options: { timeouts: { idleMs, firstByteMs: idleMs * 2 } }, boundMs: retried(ctx, idleMs * 2 + 2_000) };
  }),
  emulatorFault("emulator stall before headers", "wire", (ctx) => {
    const firstByteMs = between(ctx.random, 100, 400);
    return { header: `stall-headers:${between(ctx.random, 3, 6)}`, expect: ["TimeoutError"], options: { timeouts: { firstByteMs } }, boundMs: retried(ctx, firstByteMs + 2_000) };
  }),
  emulatorFault("emulator reset", "wire", () => ({ header: "reset", expect: ["NetworkError"] })),
  emulatorFault("emulator reset mid-stream", "wire", () => ({ header: "reset-mid", expect: ["NetworkError"], expectComplete: ["NetworkError", "complete"] })),
  {
    name: "emulator slow tokens",
    category: "wire",
    async setup(ctx) {
      const tps = between(ctx.random, 40, 400);
      return {
        endpoint: ctx.emulatorUrl,
        model: chaosModel({ "x-streambed-emulator-tokens-per-second": String(tps) }),
        options: acceptedAuth(ctx),
        expect: ["done"],
        boundMs: 2_000 + (40 / tps) * 1000,
        servers: [],
      };
    },
  },
  // The emulator's script answers the first call of this id with the fault (see chaos-emulator.ts).
  ...["throttle", "500", "503", "reset", "stall-headers:5"].map((once) =>
    emulatorFault(`emulator ${once.replace(/:.*/, "")} once, then OK`, "http", (ctx) => ({
      headers: { "x-chaos-once": ctx.id, "x-chaos-once-fault": once },
      expect: ["done"],
      ...(once.startsWith("stall") ? { options: { timeouts: { firstByteMs: 300 } } } : {}),
      boundMs: retried(ctx, 2_300),
    })),
  ),
];
