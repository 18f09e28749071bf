import { describe, expect, it } from "vitest";
import { CONTRACT_NAMES, OPTIONAL_CONTRACT_NAMES, parseDeployment } from "./deployment.js";
import { getDeployment, supportedChainIds } from "./deployments.js";
import { DmexError, UnsupportedChainError } from "./errors.js";

describe("deployments", () => {
  it("has the local chain, generated from the deploy step's record", () => {
    expect(supportedChainIds()).toContain(31337);
    const local = getDeployment(31337n);
    expect(local.network).toBe("localhost");
    expect(local.contracts.DmcToken.address).toMatch(/^0x[0-9a-fA-F]{40}$/);
    expect(local.startBlock).toBeLessThanOrEqual(local.contracts.DmcToken.blockNumber);
  });

  it("records the vault, the certificate, its renderer and the local demo USDC", () => {
    const { contracts } = getDeployment(31337);
    for (const name of [...CONTRACT_NAMES, ...OPTIONAL_CONTRACT_NAMES]) {
      expect(contracts[name]?.address, name).toMatch(/^0x[0-9a-fA-F]{40}$/);
    }
    // The vault creates the certificate NFT in its constructor: same transaction.
    expect(contracts.HashrateCertificate.transactionHash).toBe(contracts.RiskControlVault.transactionHash);
    const addresses = Object.values(contracts).map((c) => c.address);
    expect(new Set(addresses).size).toBe(addresses.length);
  });

  it("throws a typed error naming the chain for an unknown chain id", () => {
    let caught: unknown;
    try {
      getDeployment(1);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(UnsupportedChainError);
    expect(caught).toBeInstanceOf(DmexError);
    const error = caught as UnsupportedChainError;
    expect(error.code).toBe("UNSUPPORTED_CHAIN");
    expect(error.chainId).toBe(1);
    expect(error.message).toContain("chain 1");
    expect(error.message).toContain("31337");
  });
});

describe("parseDeployment", () => {
  const valid = {
    chainId: 5,
    network: "test",
    startBlock: 3,
    contracts: Object.fromEntries(
      CONTRACT_NAMES.map((name, i) => [
        name,
        { address: `0x${String(i + 1).padStart(40, "0")}`, blockNumber: 3 },
      ]),
    ),
    created: [],
  };

  it("accepts a complete record", () => {
    expect(parseDeployment(valid).contracts.MinerRegistry.address).toBe(
      valid.contracts.MinerRegistry?.address,
    );
  });

  it("accepts a record without the optional DemoUSDC, and one with it", () => {
    expect(parseDeployment(valid).contracts.DemoUSDC).toBeUndefined();
    const demoUsdc = { address: `0x${"ab".repeat(20)}`, blockNumber: 4 };
    const withUsdc = { ...valid, contracts: { ...valid.contracts, DemoUSDC: demoUsdc } };
    expect(parseDeployment(withUsdc).contracts.DemoUSDC).toEqual(demoUsdc);
  });

  it.each(["RiskControlVault", "HashrateCertificate", "CertificateRenderer", "Marketplace"])(
    "refuses a record without %s (from an older deploy script)",
    (name) => {
      const { [name]: _left, ...contracts } = valid.contracts;
      expect(() => parseDeployment({ ...valid, contracts })).toThrow(
        expect.objectContaining({ code: "INVALID_DEPLOYMENT", field: `contracts.${name}.address` }),
      );
    },
  );

  it.each([
    ["chainId", { ...valid, chainId: "5" }],
    ["contracts.DmcToken.address", { ...valid, contracts: {} }],
    [
      "contracts.DmcToken.address",
      { ...valid, contracts: { DmcToken: { address: "0x12", blockNumber: 1 } } },
    ],
    ["created", { ...valid, created: undefined }],
    [
      "contracts.DemoUSDC.address",
      { ...valid, contracts: { ...valid.contracts, DemoUSDC: { address: "0x12", blockNumber: 1 } } },
    ],
    [
      "contracts.DemoUSDC.blockNumber",
      { ...valid, contracts: { ...valid.contracts, DemoUSDC: { address: `0x${"ab".repeat(20)}` } } },
    ],
  ])("names the bad field %s", (field, record) => {
    expect(() => parseDeployment(record)).toThrow(
      expect.objectContaining({ code: "INVALID_DEPLOYMENT", field }),
    );
  });
});
