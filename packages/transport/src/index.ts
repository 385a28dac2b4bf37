export * from "./transport.js";
export * from "./errors/index.js";
export * from "./event-stream/index.js";
export * from "./signing/index.js";
