import { InvalidArgumentError } from "commander";

/** `--max-tokens`, `--port` …: a whole number within [min, max]. Commander turns the error into exit code 2. */
export function parseInteger(min: number, max: number): (value: string) => number {
  return (value) => {
    const n = Number(value.trim());
    if (value.trim() === "" || !Number.isInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}, got ${JSON.stringify(value)}.`);
    }
    return n;
  };
}

/** The reasoning levels `--reasoning` takes, besides a token budget. */
export const REASONING_LEVELS = ["off", "minimal", "low", "medium", "high"] as const;
export type ReasoningOption = (typeof REASONING_LEVELS)[number] | { budgetTokens: number };

/** `--reasoning off|minimal|low|medium|high|<budget tokens>`. */
export function parseReasoning(value: string): ReasoningOption {
  const v = value.trim().toLowerCase();
  if ((REASONING_LEVELS as readonly string[]).includes(v)) return v as ReasoningOption;
  if (/^\d+$/.test(v) && Number(v) >= 1) return { budgetTokens: Number(v) };
  throw new InvalidArgumentError(`expected one of ${REASONING_LEVELS.join(", ")} or a token budget (e.g. 4000), got ${JSON.stringify(value)}.`);
}
