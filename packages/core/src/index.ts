export * from "@streambed/transport";
export type * from "./types/index.js";
