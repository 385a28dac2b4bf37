export * from "./runtime-free.js";
export { startEmulator, type StartEmulatorOptions, type RunningEmulator } from "./server.js";
