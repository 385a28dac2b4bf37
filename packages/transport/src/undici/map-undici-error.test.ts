import { errors } from "undici";
import { describe, expect, it } from "vitest";
import { AbortError, BedrockError, NetworkError, TimeoutError } from "../errors/index.js";
import { mapUndiciError, redactUserinfo } from "./map-undici-error.js";

const timeouts = { connectTimeoutMs: 1234, headersTimeoutMs: 300_000, bodyTimeoutMs: 300_000 };
const map = (error: unknown, signal?: AbortSignal) => mapUndiciError(error, "https://bedrock-runtime.us-east-1.amazonaws.com", signal, timeouts);

describe("mapUndiciError", () => {
  it("maps undici's timeouts to TimeoutError of the matching kind", () => {
    const connect = map(new errors.ConnectTimeoutError());
    expect(connect).toBeInstanceOf(TimeoutError);
    expect(connect).toMatchObject({ kind: "connect", timeoutMs: 1234, retryable: true });
    expect(map(new errors.HeadersTimeoutError())).toMatchObject({ kind: "first-byte", timeoutMs: 300_000 });
    expect(map(new errors.BodyTimeoutError())).toMatchObject({ kind: "idle", timeoutMs: 300_000 });
  });

  it("maps socket failures, including ones wrapped in a cause, to retryable NetworkError naming the origin", () => {
    const socket = map(new errors.SocketError("other side closed"));
    expect(socket).toBeInstanceOf(NetworkError);
    expect(socket.retryable).toBe(true);
    expect(socket.message).toContain("https://bedrock-runtime.us-east-1.amazonaws.com");
    expect(socket.message).toContain("UND_ERR_SOCKET");
    const wrapped = map(new TypeError("fetch failed", { cause: Object.assign(new Error("getaddrinfo ENOTFOUND x"), { code: "ENOTFOUND" }) }));
    expect(wrapped).toBeInstanceOf(NetworkError);
    expect(wrapped.message).toContain("ENOTFOUND");
  });

  it("is AbortError only when the caller's signal aborted (a failed proxy tunnel is a NetworkError)", () => {
    const tunnel = new errors.RequestAbortedError("Proxy response (407) !== 200 when HTTP Tunneling");
    expect(map(tunnel)).toBeInstanceOf(NetworkError);
    const controller = new AbortController();
    controller.abort();
    expect(map(tunnel, controller.signal)).toBeInstanceOf(AbortError);
    expect(map(new Error("anything"), controller.signal)).toBeInstanceOf(AbortError);
  });

  it("maps requests undici refuses to InvalidRequest, and passes streambed errors through", () => {
    const invalid = map(new errors.InvalidArgumentError("invalid authorization header"));
    expect(invalid).toBeInstanceOf(BedrockError);
    expect(invalid).toMatchObject({ code: "InvalidRequest", retryable: false });
    const own = new TimeoutError("idle", 5);
    expect(map(own)).toBe(own);
  });

  it("redacts proxy credentials from messages", () => {
    expect(redactUserinfo("connect to http://user:pa55@proxy:8080 failed")).toBe("connect to http://***@proxy:8080 failed");
    expect(map(new Error("bad proxy http://user:pa55@proxy:8080")).message).not.toContain("pa55");
  });
});
