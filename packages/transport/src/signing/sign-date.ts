/** `x-amz-date` and the scope's day, as smithy's `SignatureV4.formatDate` returns them. */
export interface SigningDates {
  longDate: string;
  shortDate: string;
}

const two = (n: number): string => (n < 10 ? `0${n}` : `${n}`);

/**
 * `YYYYMMDDTHHMMSSZ` and `YYYYMMDD` of `date` in UTC, read from its fields: what smithy computes
 * from `toISOString()` with two regular expressions (≈ 10 µs per request when the CPU comes back
 * from waiting on the network). `undefined` for what its fields cannot write the same way (an
 * invalid date, a year outside 1000–9999): the caller then lets smithy format it.
 */
export function signingDates(date: unknown): SigningDates | undefined {
  if (!(date instanceof Date)) return undefined;
  const year = date.getUTCFullYear();
  if (!(year >= 1000 && year <= 9999)) return undefined;
  const shortDate = `${year}${two(date.getUTCMonth() + 1)}${two(date.getUTCDate())}`;
  return { longDate: `${shortDate}T${two(date.getUTCHours())}${two(date.getUTCMinutes())}${two(date.getUTCSeconds())}Z`, shortDate };
}
