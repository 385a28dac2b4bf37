import Table from "cli-table3";
import pc from "picocolors";
import { PROFILE_PREFIXES, profilePrefix } from "@streambed/core";
import type { ListedModel } from "streambed";

/** 200000 → "200k", 1000000 → "1M", 32768 → "32.8k". */
export function compactTokens(n: number): string {
  if (!Number.isFinite(n) || n <= 0) return "?";
  if (n >= 1_000_000) return `${+(n / 1_000_000).toFixed(1)}M`;
  if (n >= 1000) return `${+(n / 1000).toFixed(1)}k`;
  return String(n);
}

/** The inference profile a model id calls through: a geography (`US`, `Global` …), `application` for an ARN, or "" for a plain model id. */
export function profileLabel(id: string): string {
  if (/^arn:[^:]+:bedrock:[^:]*:[^:]*:application-inference-profile\//.test(id)) return "application";
  if (/^arn:[^:]+:bedrock:[^:]*:[^:]*:inference-profile\//.test(id)) {
    const prefix = profilePrefix(id.slice(id.lastIndexOf("/") + 1));
    return prefix ? (PROFILE_PREFIXES[prefix] ?? prefix) : "profile";
  }
  const prefix = profilePrefix(id);
  return prefix ? (PROFILE_PREFIXES[prefix] ?? prefix) : "";
}

/** The rows of `models list`, one per model: key, name, input, context, source, profile. */
export function modelRows(models: readonly ListedModel[]): string[][] {
  return models.map((m) => [m.key, m.name, m.input.join("+"), compactTokens(m.contextWindow), m.source, profileLabel(m.id) || "-"]);
}

/** The `models list` table (cli-table3; header bold unless NO_COLOR). */
export function formatModelsTable(models: readonly ListedModel[]): string {
  const table = new Table({
    head: ["key", "name", "input", "context", "source", "profile"].map((h) => pc.bold(h)),
    style: { head: [], border: [] },
  });
  for (const row of modelRows(models)) table.push(row);
  return `${table.toString()}\n`;
}
