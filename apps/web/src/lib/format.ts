const integerFormat = new Intl.NumberFormat("en-US");

/** Groups thousands the same way the SDK's formatAmount does, so all numbers on the page read alike. */
export function formatInteger(value: number | bigint): string {
  return integerFormat.format(value);
}

/** Block timestamps in UTC: the chain has no time zone, and a local time would differ between readers. */
export function formatBlockTime(unixSeconds: number): string {
  return `${new Date(unixSeconds * 1000).toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

export function formatInterval(ms: number): string {
  return ms >= 1000 && ms % 100 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

/** `numerator / denominator` as a percentage, exact to two decimals (rounded down): 4/100 → "4%". */
export function formatPercent(numerator: bigint, denominator: bigint): string {
  if (denominator === 0n) return "–";
  const hundredths = (numerator * 10_000n) / denominator;
  const whole = hundredths / 100n;
  const fraction = (hundredths % 100n).toString().padStart(2, "0").replace(/0+$/, "");
  return `${whole}${fraction ? `.${fraction}` : ""}%`;
}

/** A UTC day number (Unix seconds / 86,400), as the yield oracle counts days, as its date. */
export function formatUtcDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** "0x1234…abcd": enough to tell addresses apart at a glance; show the full one in a title. */
export function shortAddress(address: string): string {
  return address.length > 12 ? `${address.slice(0, 6)}…${address.slice(-4)}` : address;
}
