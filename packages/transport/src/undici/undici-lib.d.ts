/**
 * Types for the undici 7 files the transport loads directly instead of undici's index (which also
 * loads fetch, WebSocket, the cache, mock agents… ≈ 3× the import time). undici has no `exports`
 * map, so these paths resolve; each file's `module.exports` is the class or function named here.
 */
declare module "undici/lib/dispatcher/agent.js" {
  import type { Agent } from "undici";
  const AgentClass: typeof Agent;
  export default AgentClass;
}

declare module "undici/lib/api/api-request.js" {
  import type { Dispatcher } from "undici";
  /** `Dispatcher.prototype.request`, which undici's index installs on every dispatcher; called with the dispatcher as `this`. */
  function request(this: Dispatcher, options: Dispatcher.RequestOptions): Promise<Dispatcher.ResponseData>;
  export default request;
}
