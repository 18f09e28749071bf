import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FileGateway, startFileGateway } from "../../test/helpers/file-gateway.js";
import { FileSourceError, FileUnavailableError } from "./errors.js";
import { gatewayBlocks, parseIpfsSource, readIpfsFile } from "./ipfs.js";

const text = (s: string) => new TextEncoder().encode(s);
let gateway: FileGateway;

beforeAll(async () => {
  gateway = await startFileGateway();
});
afterAll(() => gateway.close());

async function read(source: string): Promise<Uint8Array> {
  const parsed = parseIpfsSource(source);
  if (parsed === null) throw new Error(`not a CID: ${source}`);
  return readIpfsFile(parsed, gatewayBlocks(gateway.url, 5_000));
}

describe("IPFS files through a gateway, every block verified", () => {
  it("reads CIDv0 (dag-pb leaves) and CIDv1 (raw leaves) files, one block or a tree of blocks", async () => {
    // The CID of "hello world\n" as `ipfs add` gives it (CIDv0): a known constant, not computed here.
    const v0 = await gateway.add(text("hello world\n"), { cidVersion: 0 });
    expect(v0).toBe("QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o");
    expect(new TextDecoder().decode(await read(v0))).toBe("hello world\n");
    const big = new Uint8Array(10_000).map((_, i) => (i * 7) % 256);
    for (const cidVersion of [0, 1] as const) {
      const cid = await gateway.add(big, { cidVersion, chunkSize: 512 });
      expect(await read(cid)).toEqual(big);
    }
    const raw = await gateway.add(text("raw leaf"), { cidVersion: 1 });
    expect(raw.startsWith("bafkrei")).toBe(true);
    expect(new TextDecoder().decode(await read(`/ipfs/${raw}`))).toBe("raw leaf");
  });

  it("walks a directory path", async () => {
    const dir = await gateway.add({ "a.json": text('{"a":1}'), "sub/b.txt": text("bee") });
    expect(new TextDecoder().decode(await read(`${dir}/sub/b.txt`))).toBe("bee");
    await expect(read(`${dir}/missing`)).rejects.toThrow(FileSourceError);
    await expect(read(dir)).rejects.toThrow(/is a directory, not a file/);
  });

  it("refuses bytes that do not hash to the CID, in the root block or in a leaf", async () => {
    const cid = await gateway.add(text("the real content"));
    gateway.tamper(cid, text("forged content"), 1);
    await expect(read(cid)).rejects.toThrow(
      new FileUnavailableError(`the gateway answered bytes that do not hash to ${cid}; not accepted`),
    );
    expect(new TextDecoder().decode(await read(cid))).toBe("the real content");

    // A leaf of a tree: the root verifies, the forged leaf does not.
    const data = new Uint8Array(3_000).fill(42);
    const root = await gateway.add(data, { cidVersion: 1, chunkSize: 1_000 });
    const leaf = await gateway.add(new Uint8Array(1_000).fill(42), { cidVersion: 1 });
    gateway.tamper(leaf, new Uint8Array(1_000).fill(43), 1);
    await expect(read(root)).rejects.toThrow(`do not hash to ${leaf}`);
    expect(await read(root)).toEqual(data);
  });

  it("says which CID the gateway did not have", async () => {
    const absent = "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy";
    await expect(read(absent)).rejects.toThrow(`${absent}: gateway ${gateway.url} answered HTTP 404`);
    expect(parseIpfsSource("not a cid")).toBeNull();
    expect(parseIpfsSource("")).toBeNull();
  });
});
