/**
 * The `streambed` build for edge runtimes, chosen by the `workerd`, `edge-light`, `browser` and
 * `default` export conditions: `createBedrock` over fetch, credentials from options or bindings.
 */
export * from "@streambed/edge";
