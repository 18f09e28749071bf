/** Bits of a certificate id that hold its index within the offering (`CertificateId.INDEX_BITS`). */
export const INDEX_BITS = 32n;
/** The largest index: `2^32 - 1`. */
export const MAX_INDEX = (1n << INDEX_BITS) - 1n;

/** A certificate token id's parts. */
export interface CertificateIdParts {
  readonly offeringId: bigint;
  /** 1..certificateCount for the offering's batch; splits take the indexes after it. */
  readonly index: bigint;
}

/**
 * A certificate's token id, `offeringId << 32 | index`, as `CertificateId.encode`. Throws `RangeError` for a
 * negative offering id or an index outside 0..2^32-1.
 *
 * @example
 * ```ts
 * encodeTokenId(1n, 3n); // 4294967299n
 * ```
 */
export function encodeTokenId(offeringId: bigint, index: bigint | number): bigint {
  const i = BigInt(index);
  if (offeringId < 0n) throw new RangeError(`encodeTokenId: offering id ${offeringId} is negative`);
  if (i < 0n || i > MAX_INDEX) throw new RangeError(`encodeTokenId: index ${i} is outside 0..${MAX_INDEX}`);
  return (offeringId << INDEX_BITS) | i;
}

/**
 * The offering and index of a certificate token id (`CertificateId.offeringOf` and `indexOf`).
 *
 * @example
 * ```ts
 * decodeTokenId(4294967299n); // { offeringId: 1n, index: 3n }
 * ```
 */
export function decodeTokenId(tokenId: bigint): CertificateIdParts {
  if (tokenId < 0n) throw new RangeError(`decodeTokenId: token id ${tokenId} is negative`);
  return { offeringId: tokenId >> INDEX_BITS, index: tokenId & MAX_INDEX };
}

/**
 * The token ids of an offering's batch, indexes 1..count, in order: what `createOffering` minted.
 *
 * @example
 * ```ts
 * batchTokenIds(2n, 3); // [8589934593n, 8589934594n, 8589934595n]
 * ```
 */
export function batchTokenIds(offeringId: bigint, count: number): bigint[] {
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`batchTokenIds: bad count ${count}`);
  return Array.from({ length: count }, (_, i) => encodeTokenId(offeringId, BigInt(i + 1)));
}

/**
 * A certificate id for people: "#3 of offering #1".
 */
export function formatTokenId(tokenId: bigint): string {
  const { offeringId, index } = decodeTokenId(tokenId);
  return `#${index} of offering #${offeringId}`;
}
