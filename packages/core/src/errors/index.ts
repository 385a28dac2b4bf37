export * from "./service-errors.js";
export * from "./client-errors.js";
