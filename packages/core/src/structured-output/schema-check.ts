/**
 * Checks `value` against a JSON Schema: the problems found (`#/city: …`), `[]` when it matches.
 * `@streambed/node` uses `@cfworker/json-schema` (draft 2020-12, loaded on first use); on the edge
 * none is set by default — pass one as `createBedrock({ checkSchema })` — so that a bundle that
 * never asks for structured output carries no validator.
 */
export type SchemaCheck = (schema: Record<string, unknown>, value: unknown) => string[] | Promise<string[]>;
