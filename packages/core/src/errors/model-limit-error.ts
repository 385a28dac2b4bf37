import { ValidationError } from "./service-errors.js";
import type { ServiceErrorOptions } from "./service-errors.js";

/** What a ValidationException said about a model limit the request went over. */
export interface ModelLimitInfo {
  /** `output`: maxTokens above the model's maximum; `input`: the prompt does not fit the model's context. */
  kind: "input" | "output";
  /** The limit Bedrock named, in tokens (undefined when its message names none: "Input is too long for requested model."). */
  maximum?: number;
  /** The prompt's size in tokens, when Bedrock named it (`prompt is too long: 200049 tokens > 200000 maximum`). */
  requested?: number;
}

/** A limit streambed recorded for a model from Bedrock's own error (see docs/discovery.md, "Learned limits"). */
export interface LearnedLimitNote {
  modelId: string;
  /** `maxTokens` (output) or `contextWindow` (input). */
  field: "maxTokens" | "contextWindow";
  tokens: number;
  /** When it was learned (ms since the epoch). */
  learnedAt: number;
  /** Where it was learned: `Bedrock ValidationException (request <id>)`. */
  source: string;
}

/**
 * Bedrock refused the request because it exceeds the model's own limit: `maxTokens` above the
 * model's maximum output (`limit.kind: "output"`), or a prompt longer than its context window
 * (`"input"`). `limit` has the numbers Bedrock named; `learned`, set by the client, the limit it
 * recorded for the model (then the message says so). Not retried.
 */
export class ModelLimitExceededError extends ValidationError {
  override name = "ModelLimitExceededError";
  readonly limit: ModelLimitInfo;
  readonly learned: LearnedLimitNote | undefined;
  constructor(message: string, options: ServiceErrorOptions & { limit: ModelLimitInfo; learned?: LearnedLimitNote }) {
    super(message, options);
    this.limit = options.limit;
    this.learned = options.learned;
  }
}

// Bedrock's own texts (recorded; docs/errors.md "Model limits" lists the sources):
// "The maximum tokens you requested exceeds the model limit of 4096. Try again with a maximum tokens value that is lower than 4096."
const OUTPUT_LIMIT = /maximum tokens you requested exceeds? the model limit of (\d+)/i;
// Claude's, passed through: "The model returned the following errors: prompt is too long: 200049 tokens > 200000 maximum"
const PROMPT_TOO_LONG = /prompt is too long: (\d+) tokens > (\d+) maximum/i;
// Claude's, for input and maxTokens together: "input length and `max_tokens` exceed context limit: 90402 + 116650 > 204648"
const INPUT_AND_OUTPUT = /input length and `?max_tokens`? exceed context limit: (\d+) \+ (\d+) > (\d+)/i;
// Bedrock's, naming no number: "Input is too long for requested model."
const INPUT_TOO_LONG = /input is too long for requested model/i;

/** The model limit a ValidationException's message names, if it is one (see {@link ModelLimitExceededError}). */
export function parseLimitMessage(message: string): ModelLimitInfo | undefined {
  let m = OUTPUT_LIMIT.exec(message);
  if (m) return { kind: "output", maximum: Number(m[1]) };
  m = PROMPT_TOO_LONG.exec(message);
  if (m) return { kind: "input", requested: Number(m[1]), maximum: Number(m[2]) };
  m = INPUT_AND_OUTPUT.exec(message);
  if (m) return { kind: "input", requested: Number(m[1]), maximum: Number(m[3]) };
  if (INPUT_TOO_LONG.test(message)) return { kind: "input" };
  return undefined;
}

/** What to do about a limit, for the error's message. */
export function limitHint(limit: ModelLimitInfo): string {
  if (limit.kind === "output") {
    return limit.maximum !== undefined
      ? ` This model accepts at most ${limit.maximum} output tokens here: set maxTokens to ${limit.maximum} or less.`
      : " Lower maxTokens.";
  }
  const size = limit.requested !== undefined && limit.maximum !== undefined ? ` (${limit.requested} tokens; the model takes ${limit.maximum})` : limit.maximum !== undefined ? ` (the model takes ${limit.maximum} tokens)` : "";
  return ` The prompt does not fit the model's context window${size}: shorten the conversation (drop or summarise old turns, large tool results, documents), or use a model with a larger context.`;
}
