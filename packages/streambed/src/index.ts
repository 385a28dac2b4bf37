/**
 * The `streambed` build for Node, chosen by the `node` export condition: `createBedrock` over
 * undici with the full AWS credential chain, config files and the disk cache.
 */
export * from "@streambed/node";
