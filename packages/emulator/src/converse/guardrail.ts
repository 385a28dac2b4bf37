import { AwsErrorReply } from "../http/aws-error.js";

/** A guardrail the emulator knows: requests naming it (id or ARN, one of `versions`) are checked against `blockedWords`. */
export interface EmulatorGuardrail {
  /** The guardrail id (`guardrailIdentifier`, or the last segment of its ARN). */
  id: string;
  /** Versions that exist. Default `["DRAFT", "1"]`. */
  versions?: string[];
  /** Words (case-insensitive) that make it intervene when the last user message or the answer contains one. */
  blockedWords: string[];
  /** The text sent instead of a blocked input. Default "Sorry, the model cannot answer this question.". */
  blockedInputMessaging?: string;
  /** The text sent instead of a blocked answer. Default "Sorry, the model cannot answer this question.". */
  blockedOutputsMessaging?: string;
}

/** The test guardrail every emulator knows: `streambed-test-guardrail` (DRAFT or 1) blocks the word `blocked-topic`. */
export const TEST_GUARDRAIL: EmulatorGuardrail = { id: "streambed-test-guardrail", blockedWords: ["blocked-topic"] };

const DEFAULT_BLOCKED = "Sorry, the model cannot answer this question.";

/** What a guardrail decided for one call. */
export interface GuardrailOutcome {
  /** The message to send instead, when it intervened. */
  blocked?: string;
  /** The `trace.guardrail` object (when the request's `trace` is `enabled` / `enabled_full`). */
  trace?: Record<string, unknown>;
}

function wordsIn(text: string, words: string[]): string[] {
  const lower = text.toLowerCase();
  return words.filter((w) => lower.includes(w.toLowerCase()));
}

function assessment(matches: string[]): Record<string, unknown> {
  return { wordPolicy: { customWords: matches.map((match) => ({ match, action: "BLOCKED", detected: true })) } };
}

/**
 * Apply a request's `guardrailConfig`: `undefined` when it has none; Bedrock's 400 when it names
 * a guardrail or version the emulator does not know; else whether (and with what message) the
 * guardrail intervenes on the last user text or the planned answer.
 */
export function applyGuardrail(
  body: Record<string, unknown>,
  guardrails: EmulatorGuardrail[],
  texts: { input: string; output: string },
): GuardrailOutcome | AwsErrorReply | undefined {
  const config = body["guardrailConfig"] as { guardrailIdentifier?: unknown; guardrailVersion?: unknown; trace?: unknown } | undefined;
  if (config === undefined || config === null) return undefined;
  const identifier = typeof config.guardrailIdentifier === "string" ? config.guardrailIdentifier : "";
  const id = identifier.slice(identifier.lastIndexOf("/") + 1);
  const version = typeof config.guardrailVersion === "string" ? config.guardrailVersion : "";
  const guardrail = guardrails.find((g) => g.id === id && (g.versions ?? ["DRAFT", "1"]).includes(version));
  if (!guardrail) return new AwsErrorReply(400, "ValidationException", "The guardrail identifier or version provided in the request does not exist.");
  const traced = config.trace === "enabled" || config.trace === "enabled_full";
  const inputMatches = wordsIn(texts.input, guardrail.blockedWords);
  if (inputMatches.length > 0) {
    return {
      blocked: guardrail.blockedInputMessaging ?? DEFAULT_BLOCKED,
      ...(traced ? { trace: { inputAssessment: { [guardrail.id]: assessment(inputMatches) }, actionReason: "Guardrail blocked." } } : {}),
    };
  }
  const outputMatches = wordsIn(texts.output, guardrail.blockedWords);
  if (outputMatches.length > 0) {
    return {
      blocked: guardrail.blockedOutputsMessaging ?? DEFAULT_BLOCKED,
      ...(traced
        ? { trace: { modelOutput: [texts.output], outputAssessments: { [guardrail.id]: [assessment(outputMatches)] }, actionReason: "Guardrail blocked." } }
        : {}),
    };
  }
  return traced ? { trace: { inputAssessment: { [guardrail.id]: {} }, outputAssessments: { [guardrail.id]: [{}] } } } : {};
}
