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
