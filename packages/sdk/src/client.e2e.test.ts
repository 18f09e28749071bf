import { type AnvilProcess, acquireAnvil, rpc } from "@dmex/testing/anvil";
import { HDNodeWallet, type JsonRpcProvider, Mnemonic, parseUnits, Wallet } from "ethers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useLocalChain } from "../test/localChain.js";
import { connect, connectChecked } from "./client.js";
import { getDeployment } from "./deployments.js";
import { ContractNotDeployedError } from "./errors.js";
import { createReadProvider, readChainStatus } from "./provider.js";
import { readAccountVotes, readTokenInfo } from "./token.js";

// anvil's public dev accounts: 1 is the local rewards reserve (50,000,000 DMC), 5 a holder.
const RESERVE_KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
const HOLDER_KEY = "0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba"; // account 5
const RECIPIENT = "0x14dC79964da2C08b23698B3D3cc7Ca32193d9955"; // account 7

const DMC = (amount: string) => parseUnits(amount, 18);

describe("SDK against a real chain", () => {
  const local = useLocalChain();

  it("deploys to the addresses of the generated deployments module", () => {
    // A fresh anvil and the same script give the same addresses, so the record the build generated holds.
    expect(local.deployment.contracts.DmcToken.address).toBe(getDeployment(31337).contracts.DmcToken.address);
  });

  it("binds the vault, the certificate, its renderer and the demo USDC of the deployment", async () => {
    const client = await connectChecked(local.provider, 31337);
    const { riskControlVault, hashrateCertificate, certificateRenderer, demoUsdc, deployment } = client;
    expect(await riskControlVault.getAddress()).toBe(deployment.contracts.RiskControlVault.address);
    expect(await riskControlVault.certificate()).toBe(deployment.contracts.HashrateCertificate.address);
    expect(await hashrateCertificate.vault()).toBe(deployment.contracts.RiskControlVault.address);
    expect(await hashrateCertificate.renderer()).toBe(await certificateRenderer.getAddress());
    expect(await hashrateCertificate.symbol()).toBe("DMEX-HC");
    expect(demoUsdc).toBeDefined();
    expect(await demoUsdc?.symbol()).toBe("USDC");
    expect(await demoUsdc?.decimals()).toBe(6n);
    expect(await riskControlVault.isPaymentToken(deployment.contracts.DemoUSDC?.address ?? "")).toBe(true);
  });

  it("binds the marketplace, which holds the vault's marketplace role", async () => {
    const { marketplace, riskControlVault, deployment } = await connectChecked(local.provider, 31337);
    expect(await marketplace.getAddress()).toBe(deployment.contracts.Marketplace.address);
    expect(await marketplace.vault()).toBe(deployment.contracts.RiskControlVault.address);
    const role = await riskControlVault.MARKETPLACE_ROLE();
    expect(await riskControlVault.hasRole(role, deployment.contracts.Marketplace.address)).toBe(true);
  });

  it("leaves demoUsdc undefined for a deployment without the demo stablecoin", () => {
    const { DemoUSDC: _demo, ...contracts } = local.deployment.contracts;
    const client = connect(local.provider, 31337, { deployment: { ...local.deployment, contracts } });
    expect(client.demoUsdc).toBeUndefined();
    expect(client.riskControlVault.target).toBe(local.deployment.contracts.RiskControlVault.address);
  });

  it("reads the chain status", async () => {
    const status = await readChainStatus(local.provider);
    expect(status.chainId).toBe(31337);
    expect(status.blockNumber).toBeGreaterThanOrEqual(local.deployment.contracts.DmcToken.blockNumber);
    expect(status.blockTimestamp).toBeGreaterThan(1_600_000_000);
  });

  it("reads DMC metadata and supply", async () => {
    const { dmcToken } = connect(local.provider, 31337, { deployment: local.deployment });
    const info = await readTokenInfo(dmcToken);
    expect(info).toMatchObject({ name: "DMEX Coin", symbol: "DMC", decimals: 18 });
    expect(info.totalSupply).toBe(DMC("100000000"));
    expect(info.address).toBe(local.deployment.contracts.DmcToken.address);
  });

  it("transfers and delegates DMC through a signer, and votes follow", async () => {
    const reserve = new Wallet(RESERVE_KEY, local.provider);
    const holder = new Wallet(HOLDER_KEY, local.provider);
    const asReserve = connect(reserve, 31337, { deployment: local.deployment });
    const asHolder = connect(holder, 31337, { deployment: local.deployment });

    const reserveBefore = await asReserve.dmcToken.balanceOf(reserve.address);
    await (await asReserve.dmcToken.transfer(holder.address, DMC("1000"))).wait();
    expect(await asReserve.dmcToken.balanceOf(reserve.address)).toBe(reserveBefore - DMC("1000"));

    await (await asHolder.dmcToken.delegate(holder.address)).wait();
    expect(await readAccountVotes(asHolder.dmcToken, holder.address)).toEqual({
      balance: DMC("1000"),
      delegate: holder.address,
      votes: DMC("1000"),
    });

    await (await asHolder.dmcToken.transfer(RECIPIENT, DMC("250"))).wait();
    const after = await readAccountVotes(asHolder.dmcToken, holder.address);
    expect(after.balance).toBe(DMC("750"));
    expect(after.votes).toBe(DMC("750"));
    expect(await asHolder.dmcToken.balanceOf(RECIPIENT)).toBe(DMC("250"));
    expect(await asHolder.dmcToken.getVotes(RECIPIENT)).toBe(0n);
  });

  it("gives the local council and oracle reporters to anvil accounts whose keys exist", async () => {
    // A mistyped address in the deploy script would hand a role to an account nobody can sign for.
    const mnemonic = Mnemonic.fromPhrase("test test test test test test test test test test test junk");
    const anvilAccounts = Array.from(
      { length: 10 },
      (_, i) => HDNodeWallet.fromMnemonic(mnemonic, `m/44'/60'/0'/0/${i}`).address,
    );
    const { council, yieldOracle } = connect(local.provider, 31337, { deployment: local.deployment });
    expect(await council.getOwners()).toEqual(anvilAccounts.slice(3, 10));
    for (const reporter of anvilAccounts.slice(7, 10))
      expect(await yieldOracle.isReporter(reporter)).toBe(true);
  });

  it("finalizes a day's market yield once the three local reporters reported, at their median", async () => {
    // anvil accounts 7-9 are the local oracle reporters (quorum 3: odd, so the median is a reported value).
    const reporterA = new Wallet(
      "0x4bbbf85ce3377467afe5d46f804f221813b2bb87f24d81f60f1fcdbf7cbf4356",
      local.provider,
    );
    const reporterB = new Wallet(
      "0xdbda1821b80551c9d65939329250298aa3472ba22feea921c0cf5d620ea67b97",
      local.provider,
    );
    const reporterC = new Wallet(
      "0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6",
      local.provider,
    );
    await rpc(local.anvil.url, "evm_increaseTime", [2 * 86_400]);
    await rpc(local.anvil.url, "evm_mine");
    const { blockTimestamp } = await readChainStatus(local.provider);
    const yesterday = Math.floor(blockTimestamp / 86_400) - 1;

    const asA = connect(reporterA, 31337, { deployment: local.deployment });
    const asB = connect(reporterB, 31337, { deployment: local.deployment });
    await (await asA.yieldOracle.report(1n, yesterday, 100n)).wait();
    expect(await asA.yieldOracle.isFinal(1n, yesterday)).toBe(false);
    await (await asB.yieldOracle.report(1n, yesterday, 300n)).wait();
    expect(await asA.yieldOracle.isFinal(1n, yesterday)).toBe(false);
    const asC = connect(reporterC, 31337, { deployment: local.deployment });
    await (await asC.yieldOracle.report(1n, yesterday, 1_000_000n)).wait();

    const [value, final] = await asA.yieldOracle.dayValue(1n, yesterday);
    expect(final).toBe(true);
    expect(value).toBe(300n); // the middle report: one outlier cannot pull it towards itself
  });

  it("decodes typed events from receipts", async () => {
    const holder = new Wallet(HOLDER_KEY, local.provider);
    const { dmcToken } = connect(holder, 31337, { deployment: local.deployment });
    const receipt = await (await dmcToken.delegate(RECIPIENT)).wait();
    const events = await dmcToken.queryFilter(
      dmcToken.filters.DelegateChanged(holder.address),
      receipt?.blockNumber,
    );
    expect(events).toHaveLength(1);
    expect(events[0]?.args.toDelegate).toBe(RECIPIENT);
    expect(events[0]?.args.fromDelegate).toBe(holder.address);
  });
});

describe("SDK guards against the wrong chain", () => {
  let anvil: AnvilProcess;
  let provider: JsonRpcProvider;

  beforeAll(async () => {
    // A chain with another id and no DMEX deployment.
    anvil = await acquireAnvil({ chainId: 4242 });
    provider = createReadProvider(anvil.url, 31337);
  });

  afterAll(async () => {
    provider?.destroy();
    await anvil?.stop();
  });

  it("connectChecked refuses a node that runs another chain", async () => {
    await expect(connectChecked(provider, 31337)).rejects.toMatchObject({
      code: "CHAIN_MISMATCH",
      expectedChainId: 31337,
      actualChainId: 4242,
    });
  });

  it("readTokenInfo reports a missing contract with a typed error", async () => {
    const { dmcToken } = connect(provider, 31337);
    await expect(readTokenInfo(dmcToken)).rejects.toBeInstanceOf(ContractNotDeployedError);
  });
});
