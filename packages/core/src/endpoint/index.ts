export { resolveEndpoints, type EndpointInput, type ResolvedEndpoints } from "./resolve-endpoints.js";
export { partitionOf, type Partition } from "./partitions.js";
