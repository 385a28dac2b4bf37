export { resolveRegion, DEFAULT_REGION, type RegionInput } from "./resolve-region.js";
export { regionFromArn } from "./region-from-arn.js";
