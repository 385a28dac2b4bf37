export { countTokensBody } from "./count-tokens-body.js";
export { readCountTokens, type TokenCount } from "./read-count-tokens.js";
