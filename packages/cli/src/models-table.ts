import Table from "cli-table3";
import pc from "picocolors";
import { describeLearnedFacts, PROFILE_PREFIXES, profilePrefix } from "@streambed/core";
import type { ListedModel } from "streambed";
import { formatPrice } from "./format-usd.js";

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

/** Borderless: columns separated by two spaces, no rule between rows. */
const PLAIN_CHARS = {
  top: "", "top-mid": "", "top-left": "", "top-right": "",
  bottom: "", "bottom-mid": "", "bottom-left": "", "bottom-right": "",
  left: "", "left-mid": "", mid: "", "mid-mid": "",
  right: "", "right-mid": "", middle: "  ",
};

/** `limit`, marked `*` when it is a limit Bedrock named for this model (learned from its error). */
function limit(n: number, learned: { tokens: number } | undefined): string {
  return learned !== undefined && learned.tokens === n ? `${compactTokens(n)}*` : compactTokens(n);
}

/**
 * The footnote under the table for the limits marked `*`: one line per model and fact, with when
 * and from which Bedrock error it was learned. Empty when nothing was learned.
 */
export function learnedNotes(models: readonly ListedModel[]): string[] {
  const lines = models.flatMap((m) => (m.learned ? describeLearnedFacts(m.learned).map((line) => `* ${m.id}: ${line}`) : []));
  return lines.length > 0 ? ["", "* learned from Bedrock's own errors (kept in the discovery cache):", ...lines] : [];
}

/** `in / out` US$ per million tokens: `$3 / $15`. */
function prices(m: ListedModel): string {
  return `${formatPrice(m.cost.input)} / ${formatPrice(m.cost.output)}`;
}

/** The default columns, what you need to pick a model first: model id (what `--model` takes), context, input, then name. */
export const NARROW_COLUMNS = ["model", "context", "input", "name"] as const;
/** `--wide`: every detail. */
export const WIDE_COLUMNS = ["key", "name", "input", "context", "max out", "reasoning", "$/Mtok in / out", "source", "profile"] as const;

/** The rows of `models list`, one per model, in the columns of {@link NARROW_COLUMNS} or, `wide`, {@link WIDE_COLUMNS}. */
export function modelRows(models: readonly ListedModel[], wide = false): string[][] {
  return models.map((m) =>
    wide
      ? [m.key, m.name, m.input.join("+"), limit(m.contextWindow, m.learned?.contextWindow), limit(m.maxTokens, m.learned?.maxTokens), m.reasoning ? "yes" : "-", prices(m), m.source, profileLabel(m.id) || "-"]
      : [m.id, limit(m.contextWindow, m.learned?.contextWindow), m.input.join("+"), m.name],
  );
}

/** Narrowest useful name column; below it the name is left out. */
const MIN_NAME_WIDTH = 10;

/**
 * The `models list` table: borderless (two spaces between columns), header bold where colours are on (`colour`, default picocolors' detection).
 * The default columns fit `width` (the terminal's columns): the name, last, is cut with "…" or
 * left out; `wide` prints every column at full width.
 */
export function formatModelsTable(models: readonly ListedModel[], options: { width?: number | undefined; wide?: boolean; colour?: boolean } = {}): string {
  const head: string[] = [...(options.wide ? WIDE_COLUMNS : NARROW_COLUMNS)];
  let rows = modelRows(models, options.wide);
  let colWidths: number[] | undefined;
  if (!options.wide && options.width !== undefined) {
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const fixed = widths.slice(0, -1).reduce((a, b) => a + b + 2, 0);
    const room = options.width - fixed;
    if (room < MIN_NAME_WIDTH) {
      head.pop();
      rows = rows.map((r) => r.slice(0, -1));
    } else if (room < widths.at(-1)!) {
      colWidths = [...widths.slice(0, -1), room];
    }
  }
  const table = new Table({
    head: (options.colour ?? pc.isColorSupported) ? head.map((h) => pc.bold(h)) : head,
    chars: PLAIN_CHARS,
    style: { head: [], border: [], "padding-left": 0, "padding-right": 0 },
    ...(colWidths ? { colWidths } : {}),
  });
  for (const row of rows) table.push(row);
  return `${table
    .toString()
    .split("\n")
    .map((line) => line.trimEnd())
    .join("\n")}\n`;
}
