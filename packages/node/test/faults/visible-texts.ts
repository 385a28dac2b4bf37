import { inspect } from "node:util";

/** One text a user could see, and where it came from. */
export interface VisibleText {
  where: string;
  text: string;
}

/**
 * Every way `value` can reach a user, as text: for an error its `message`, `String()`, stack,
 * `JSON.stringify`, `util.inspect` (depth 10, hidden fields) and each cause (6 deep); anything else
 * as itself or its JSON. What the secret guards search for secrets.
 */
export function visibleTexts(where: string, value: unknown): VisibleText[] {
  if (value === undefined) return [];
  if (!(value instanceof Error)) return [{ where, text: typeof value === "string" ? value : JSON.stringify(value) }];
  const texts: VisibleText[] = [
    { where: `${where}: message`, text: value.message },
    { where: `${where}: String`, text: String(value) },
    { where: `${where}: stack`, text: value.stack ?? "" },
    { where: `${where}: JSON`, text: JSON.stringify(value) },
    { where: `${where}: inspect`, text: inspect(value, { depth: 10, showHidden: true }) },
  ];
  let cause: unknown = value.cause;
  for (let depth = 0; cause !== undefined && depth < 6; depth++, cause = (cause as { cause?: unknown })?.cause) {
    texts.push({ where: `${where}: cause ${depth}`, text: `${String(cause)}\n${(cause as Error)?.stack ?? ""}\n${JSON.stringify(cause) ?? ""}` });
  }
  return texts;
}
