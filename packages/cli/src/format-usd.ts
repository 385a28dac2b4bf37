/**
 * A US$ amount rounded for people: two significant digits under $1 (`$0.000054`, `$0.012`), cents
 * from $1 up (`$3.75`, `$1,234.50`), `$0` for zero. `--json` output keeps the exact number.
 */
export function formatUsd(amount: number): string {
  if (!Number.isFinite(amount)) return "?";
  if (amount === 0) return "$0";
  const large = Math.abs(amount) >= 1;
  return new Intl.NumberFormat("en-US", {
    style: "currency",
    currency: "USD",
    ...(large ? { minimumFractionDigits: 2, maximumFractionDigits: 2 } : { maximumSignificantDigits: 2 }),
  }).format(amount);
}

/** A price per million tokens for a table cell: `$3`, `$0.25`, `$1.25` (no trailing zeros, at most 4 decimals). */
export function formatPrice(perMillion: number): string {
  if (!Number.isFinite(perMillion)) return "?";
  return `$${+perMillion.toFixed(4)}`;
}
