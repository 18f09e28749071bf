import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FileGateway, startFileGateway } from "../../test/helpers/file-gateway.js";
import { FileUnavailableError } from "./errors.js";
import { FileFetcher } from "./fetcher.js";

const text = (s: string) => new TextEncoder().encode(s);
let gateway: FileGateway;

beforeAll(async () => {
  gateway = await startFileGateway();
});
afterAll(() => gateway.close());

describe("FileFetcher", () => {
  it("retries a forged answer with backoff, then keeps the verified file", async () => {
    const cid = await gateway.add(text("retried"));
    gateway.tamper(cid, text("forged"), 2);
    const warnings: string[] = [];
    const fetcher = new FileFetcher(
      { ipfs: gateway.url, arweave: null },
      {
        attempts: 3,
        minDelayMs: 30,
        logger: { info: () => {}, warn: (m) => warnings.push(m), error: () => {} },
      },
    );
    const started = Date.now();
    expect(new TextDecoder().decode(await fetcher.fetch("file/ipfs", cid))).toBe("retried");
    // Waits of 30 and 60 ms between the three tries.
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
    expect(gateway.requests.get(`/ipfs/${cid}`)).toBe(3);
    expect(warnings).toEqual(
      [1, 2].map(
        (n) =>
          `file ${cid} (file/ipfs), attempt ${n} of 3: the gateway answered bytes that do not hash to ${cid}; not accepted`,
      ),
    );
    // Kept: asking again reads nothing.
    await fetcher.fetch("file/ipfs", cid);
    expect(gateway.requests.get(`/ipfs/${cid}`)).toBe(3);
  });

  it("gives up after its attempts, and at once when stopped", async () => {
    const cid = await gateway.add(text("never served right"));
    gateway.tamper(cid, text("forged"), Number.POSITIVE_INFINITY);
    const fetcher = new FileFetcher({ ipfs: gateway.url, arweave: null }, { attempts: 2, minDelayMs: 10 });
    await expect(fetcher.fetch("file/ipfs", cid)).rejects.toThrow(
      new FileUnavailableError(
        `file ${cid} (file/ipfs) could not be fetched in 2 attempts: the gateway answered bytes that do not hash to ${cid}; not accepted`,
      ),
    );
    const slow = new FileFetcher({ ipfs: gateway.url, arweave: null }, { attempts: 5, minDelayMs: 60_000 });
    const stop = new AbortController();
    const started = Date.now();
    setTimeout(() => stop.abort(), 50);
    await expect(slow.fetch("file/ipfs", cid, stop.signal)).rejects.toThrow(
      new FileUnavailableError(`file ${cid} (file/ipfs): fetching stopped`),
    );
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("reads Arweave data as the gateway answers it", async () => {
    const id = "T".repeat(43);
    gateway.addArweave(id, text("arweave bytes"));
    const fetcher = new FileFetcher({ ipfs: null, arweave: gateway.url }, { attempts: 1 });
    expect(new TextDecoder().decode(await fetcher.fetch("file/arweave", id))).toBe("arweave bytes");
    await expect(fetcher.fetch("file/arweave", "short")).rejects.toThrow(
      "short is not an Arweave transaction id",
    );
  });
});
