import { AwsErrorReply, validationError } from "../http/aws-error.js";
import { constraintMessage, constraintViolations } from "./constraints.js";
import { contentBlockError } from "./content-blocks.js";
import { alternationError, firstMessageError } from "./conversation-order.js";
import type { JsonObject } from "./json.js";
import { optionRuleError, optionViolations } from "./converse-options.js";
import { mediaLimitError } from "./media-limits.js";
import { toolConfigError, toolPairingError } from "./tool-pairing.js";

type Rule = (body: JsonObject) => string | undefined;

/** The rules, in the order they answer: the first that fails names the error. */
const RULES: Rule[] = [firstMessageError, contentBlockError, alternationError, toolConfigError, toolPairingError, mediaLimitError, optionRuleError];

/** The two checks the emulator made before validation existed (kept for `validate: false`). */
const LENIENT_RULES: Rule[] = [firstMessageError, toolConfigError];

/**
 * Validate a parsed Converse / ConverseStream body the way Bedrock does before any model sees
 * it: first the generic shape constraints (all reported at once, Coral-style), then the
 * conversation rules one at a time (first message, content blocks, alternation, tool config,
 * tool call/result pairing, image and document limits). Returns the 400 `ValidationException`
 * Bedrock would answer, or `undefined` when the body passes. With `lenient`, only the checks the
 * emulator always made (a first user message; `toolConfig` with tool blocks) run.
 */
export function validateConverseBody(body: JsonObject, options: { lenient?: boolean } = {}): AwsErrorReply | undefined {
  if (!options.lenient) {
    const violations = [...constraintViolations(body), ...optionViolations(body)];
    if (violations.length > 0) return validationError(constraintMessage(violations));
  }
  for (const rule of options.lenient ? LENIENT_RULES : RULES) {
    const message = rule(body);
    if (message !== undefined) return validationError(message);
  }
  return undefined;
}
