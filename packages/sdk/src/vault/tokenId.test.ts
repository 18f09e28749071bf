import { describe, expect, it } from "vitest";

import { batchTokenIds, decodeTokenId, encodeTokenId, formatTokenId, MAX_INDEX } from "./tokenId.js";

describe("certificate token ids", () => {
  it("encode offeringId << 32 | index", () => {
    expect(encodeTokenId(1n, 1n)).toBe(4_294_967_297n);
    expect(encodeTokenId(1n, 3)).toBe(4_294_967_299n);
    expect(encodeTokenId(2n, 0n)).toBe(8_589_934_592n);
    expect(encodeTokenId(0n, MAX_INDEX)).toBe(4_294_967_295n);
    expect(encodeTokenId(123_456n, 65_536n)).toBe((123_456n << 32n) + 65_536n);
  });

  it("decode back into offering and index", () => {
    expect(decodeTokenId(4_294_967_299n)).toEqual({ offeringId: 1n, index: 3n });
    expect(decodeTokenId((7n << 32n) | MAX_INDEX)).toEqual({ offeringId: 7n, index: MAX_INDEX });
    const id = encodeTokenId(2n ** 200n, 12n);
    expect(decodeTokenId(id)).toEqual({ offeringId: 2n ** 200n, index: 12n });
  });

  it("refuses indexes that do not fit 32 bits and negative ids", () => {
    expect(() => encodeTokenId(1n, MAX_INDEX + 1n)).toThrow(RangeError);
    expect(() => encodeTokenId(1n, -1)).toThrow(RangeError);
    expect(() => encodeTokenId(-1n, 1)).toThrow(RangeError);
    expect(() => decodeTokenId(-1n)).toThrow(RangeError);
  });

  it("lists an offering's batch and names a certificate for people", () => {
    expect(batchTokenIds(2n, 3)).toEqual([8_589_934_593n, 8_589_934_594n, 8_589_934_595n]);
    expect(batchTokenIds(2n, 0)).toEqual([]);
    expect(formatTokenId(4_294_967_299n)).toBe("#3 of offering #1");
  });
});
