import { describe, expect, it } from "vitest";
import { AbortError, NetworkError } from "../errors/index.js";
import { mapFetchError } from "./map-fetch-error.js";

describe("mapFetchError", () => {
  it("names the innermost reason of Node's nested fetch errors (a refused proxy tunnel)", () => {
    const proxy = Object.assign(new Error("Proxy response (403) !== 200 when HTTP Tunneling"), { name: "AbortError", code: "UND_ERR_ABORTED" });
    const cancelled = Object.assign(new Error("Request was cancelled.", { cause: proxy }), { code: 0 });
    const error = mapFetchError(new TypeError("fetch failed", { cause: cancelled }), "http://127.0.0.1:1", undefined);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.message).toContain("fetch failed: Request was cancelled.: Proxy response (403) !== 200 when HTTP Tunneling: UND_ERR_ABORTED");
  });

  it("keeps the cause code of a one-level error and removes user:password@ from URLs", () => {
    const cause = Object.assign(new Error("connect ECONNREFUSED http://user:hunter2@proxy:8080"), { code: "ECONNREFUSED" });
    const error = mapFetchError(new TypeError("fetch failed", { cause }), "http://x", undefined);
    expect(error.message).toContain("ECONNREFUSED");
    expect(error.message).not.toContain("hunter2");
  });

  it("is an AbortError only when the caller's signal fired", () => {
    const controller = new AbortController();
    controller.abort();
    expect(mapFetchError(new TypeError("fetch failed"), "http://x", controller.signal)).toBeInstanceOf(AbortError);
  });
});
