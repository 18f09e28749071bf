// Test fixture for the vault's e2e tests: actors on a fresh local chain (useLocalChain) and the honest
// ways DMEX gets there: DAO proposals voted by the rewards reserve and executed through the timelock, the
// deployer's account playing the bridge of the demo tokens (IFIL, USDC), the local oracle reporters
// (anvil accounts 7-9, quorum 2), and time moved with evm_increaseTime + evm_mine.

import { anvilWallet } from "@dmex/testing/anvil";
import {
  type ContractTransactionReceipt,
  id,
  type JsonRpcProvider,
  parseEther,
  parseUnits,
  type Wallet,
} from "ethers";

import { connect, type DmexClient } from "../src/client.js";
import type { Deployment } from "../src/deployment.js";
import { type BridgedToken, BridgedToken__factory } from "../src/generated/typechain/index.js";
import { execute, propose, queue } from "../src/governance/lifecycle.js";
import { actionFromTx, buildProposal, type ProposalAction } from "../src/governance/proposal.js";
import { castVote } from "../src/governance/vote.js";
import { approveApplicationAction, submitApplication } from "../src/registry/application.js";
import { stake } from "../src/registry/stake.js";
import { SECONDS_PER_DAY, utcDay } from "../src/vault/day.js";
import type { OfferingParams } from "../src/vault/offering.js";
import { recordPrimarySale } from "../src/vault/sale.js";
import type { LocalChain } from "./localChain.js";

export { anvilWallet };

export const FILECOIN = 1n;
export const DMC = (amount: string) => parseUnits(amount, 18);
export const USDC = (amount: string) => parseUnits(amount, 6);
export const IFIL = (amount: string) => parseUnits(amount, 18);

/** Actors and helpers on one local chain. Read inside tests only (the chain exists once beforeAll ran). */
export interface VaultWorld {
  readonly provider: JsonRpcProvider;
  readonly deployment: Deployment;
  /** anvil 0: deployed DMEX, keeps no role; the bridge (minter) of IFIL and the demo USDC. */
  readonly deployer: Wallet;
  /** anvil 1: the rewards reserve (50,000,000 DMC, delegated to itself): proposes and votes. */
  readonly reserve: Wallet;
  /** anvil 7-9: the local oracle reporters (the quorum is odd: all 3 make a day final). */
  readonly reporters: readonly Wallet[];
  as(wallet: Wallet): DmexClient;
  /** The demo yield token of coin 1 (Filecoin), bound to the deployer (its bridge). */
  ifil(): Promise<BridgedToken>;
  /** The demo USDC, bound to the deployer (its minter). */
  usdc(): BridgedToken;
  /** Gives fresh wallets ETH for gas, from the deployer. */
  fund(...wallets: Wallet[]): Promise<void>;
  /** The chain's UTC day. */
  today(): Promise<number>;
  /** Moves the chain's clock forward to `seconds` into `day` and mines a block there. */
  advanceToDay(day: number, seconds?: number): Promise<void>;
  advance(seconds: number): Promise<void>;
  /** Proposes as the reserve, votes for, queues and executes through the timelock. */
  passProposal(actions: readonly ProposalAction[], description: string): Promise<ContractTransactionReceipt>;
  /**
   * A miner's whole onboarding: it applies (submitApplication), the DAO approves the application and funds
   * its stake from the treasury in one proposal (with `extraActions`), and the miner stakes: Active.
   */
  onboardMiner(
    miner: Wallet,
    options: { capacityUnits: bigint; stake: bigint; extraActions?: readonly ProposalAction[] },
  ): Promise<{ applicationId: bigint }>;
  /** The three reporters report `value` for coin 1 and `day`: the day's market average is final. */
  reportMarket(day: number, value: bigint): Promise<void>;
  /** The bridge brings `amount` IFIL in to `to` (a miner's mined coins). */
  mintIfil(to: string, amount: bigint): Promise<void>;
  /** The issuer mints `amount` demo USDC to `to` (a buyer's money). */
  mintUsdc(to: string, amount: bigint): Promise<void>;
  /**
   * Offering parameters in the demo USDC with a sale window from now to the end of the term (a price per unit
   * of 100 USDC and a minimum lot of 1 unless given).
   */
  offeringParams(terms: {
    units: bigint;
    startDay: number;
    termDays: number;
    pricePerUnit?: bigint;
    minLot?: bigint;
  }): Promise<OfferingParams>;
  /**
   * A primary sale as the marketplace runs it: the buyer pays `price` USDC to the seller (the account
   * holding MARKETPLACE_ROLE), the seller records the sale of `units` in the vault, which mints one
   * certificate of those units to the buyer and keeps the money as its escrow.
   */
  sell(sale: {
    seller: Wallet;
    buyer: Wallet;
    offeringId: bigint;
    units: bigint;
    price: bigint;
  }): Promise<{ tokenId: bigint; saleDay: number }>;
}

export function vaultWorld(local: LocalChain): VaultWorld {
  let delegated = false;
  const wallet = (index: number) => anvilWallet(index, local.provider);

  const world: VaultWorld = {
    get provider() {
      return local.provider;
    },
    get deployment() {
      return local.deployment;
    },
    get deployer() {
      return wallet(0);
    },
    get reserve() {
      return wallet(1);
    },
    get reporters() {
      return [wallet(7), wallet(8), wallet(9)];
    },
    as: (signer) => connect(signer, 31337, { deployment: local.deployment }),
    async ifil() {
      const { minerRegistry } = world.as(world.deployer);
      const { yieldToken } = await minerRegistry.coin(FILECOIN);
      return BridgedToken__factory.connect(yieldToken, world.deployer);
    },
    usdc() {
      const usdc = world.as(world.deployer).demoUsdc;
      if (!usdc) throw new Error("the local deployment has no DemoUSDC");
      return usdc;
    },
    async fund(...wallets) {
      for (const target of wallets) {
        await (await world.deployer.sendTransaction({ to: target.address, value: parseEther("100") })).wait();
      }
    },
    async today() {
      const block = await local.provider.getBlock("latest");
      if (!block) throw new Error("no latest block");
      return utcDay(block.timestamp);
    },
    async advanceToDay(day, seconds = 3_600) {
      const block = await local.provider.getBlock("latest");
      if (!block) throw new Error("no latest block");
      const delta = day * SECONDS_PER_DAY + seconds - block.timestamp;
      if (delta <= 0) throw new Error(`advanceToDay: the chain is already past day ${day} + ${seconds} s`);
      await world.advance(delta);
    },
    async advance(seconds) {
      await local.provider.send("evm_increaseTime", [seconds]);
      await local.provider.send("evm_mine", []);
    },
    async passProposal(actions, description) {
      const { governor, timelock, dmcToken } = world.as(world.reserve);
      if (!delegated) {
        await (await dmcToken.delegate(world.reserve.address)).wait();
        await world.advance(1); // proposing counts the votes of the previous second
        delegated = true;
      }
      const proposal = buildProposal(actions, description);
      const { proposalId } = await propose(governor, proposal);
      await world.advance(Number(await governor.votingDelay()) + 1);
      await castVote(governor, proposalId, "for");
      await world.advance(Number(await governor.votingPeriod()) + 1);
      await queue(governor, proposal);
      await world.advance(Number(await timelock.getMinDelay()) + 1);
      return execute(governor, proposal);
    },
    async onboardMiner(miner, options) {
      const asMiner = world.as(miner);
      const { applicationId } = await submitApplication(asMiner.minerRegistry, {
        profileURI: `ipfs://profile-of-${miner.address}`,
        contentHash: id(`profile document of ${miner.address}`),
        coinId: FILECOIN,
        capacityUnits: options.capacityUnits,
        maxTermDays: 360,
        expectedYieldPerUnit: IFIL("0.002"),
      });
      const { minerRegistry, dmcToken } = world.as(world.reserve);
      await world.passProposal(
        [
          await approveApplicationAction(minerRegistry, applicationId, options.capacityUnits, options.stake),
          actionFromTx(await dmcToken.transfer.populateTransaction(miner.address, options.stake)),
          ...(options.extraActions ?? []),
        ],
        `# Approve miner application #${applicationId}\n\n${options.capacityUnits} TiB, stake funded by the treasury.`,
      );
      await stake(asMiner.minerRegistry, asMiner.dmcToken, options.stake);
      return { applicationId };
    },
    async reportMarket(day, value) {
      for (const reporter of world.reporters) {
        await (await world.as(reporter).yieldOracle.report(FILECOIN, day, value)).wait();
      }
    },
    async mintIfil(to, amount) {
      await (await (await world.ifil()).mint(to, amount)).wait();
    },
    async mintUsdc(to, amount) {
      await (await world.usdc().mint(to, amount)).wait();
    },
    async offeringParams({ units, startDay, termDays, pricePerUnit, minLot }) {
      const block = await local.provider.getBlock("latest");
      if (!block) throw new Error("no latest block");
      return {
        coinId: FILECOIN,
        paymentToken: await world.usdc().getAddress(),
        units,
        minLot: minLot ?? 1n,
        pricePerUnit: pricePerUnit ?? USDC("100"),
        saleStart: block.timestamp,
        saleEnd: (startDay + termDays) * SECONDS_PER_DAY,
        startDay,
        termDays,
      };
    },
    async sell({ seller, buyer, offeringId, units, price }) {
      const buyerUsdc = world.as(buyer).demoUsdc;
      if (!buyerUsdc) throw new Error("the local deployment has no DemoUSDC");
      await (await buyerUsdc.transfer(seller.address, price)).wait();
      const { tokenId, saleDay } = await recordPrimarySale(world.as(seller).riskControlVault, {
        offeringId,
        buyer: buyer.address,
        units,
        amount: price,
      });
      return { tokenId, saleDay };
    },
  };
  return world;
}
