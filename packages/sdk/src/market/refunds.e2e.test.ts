// The marketplace's refunds that cannot block anyone, on anvil through the SDK: a bidder that refuses
// payment is credited instead of repaid (and withdraws once it accepts again), and a primary auction of a lot
// whose offering the DAO terminated before settlement is voided (no certificate minted, the bid back to the
// bidder). Also the refusals the SDK raises itself before an approval exists, and an unbid primary auction
// cancelled (its lot back on sale).
//
// The refusing bidder is the contracts' test mock `RevertingReceiver` (a contract whose receive hook on the
// test token `HookToken` reverts while `refusing`), deployed from forge's build output; the DAO allowlists
// HookToken as a payment token in the miner's onboarding proposal, and the test sends the receiver's
// transactions by impersonating it on anvil.

import { deployArtifact } from "@dmex/testing/artifacts";
import { type Contract, parseEther, parseUnits, ZeroAddress } from "ethers";
import { beforeAll, describe, expect, it } from "vitest";
import { useLocalChain } from "../../test/localChain.js";
import { marketCast } from "../../test/marketWorld.js";
import { DMC, USDC, vaultWorld } from "../../test/vaultWorld.js";
import { connect } from "../client.js";
import { ContractRevertError } from "../errors.js";
import { setPaymentTokenAction, terminateOfferingAction } from "../vault/admin.js";
import { createOffering, readSaleTerms } from "../vault/offering.js";
import { cancelAuction, createAuction, readAuction } from "./auction.js";
import { placeBid } from "./bid.js";
import { readCredit, withdrawCredit } from "./credit.js";
import { makeOfferingOffer } from "./offer.js";
import { acceptPrimaryOffer, buyPrimaryUnits, createPrimaryAuction, primaryLotId } from "./primary.js";
import { settleAuction } from "./settle.js";

const HOOK = (amount: string) => parseUnits(amount, 18);

describe("refunds nobody can block: credits for a refusing bidder, a voided primary auction", () => {
  const local = useLocalChain();
  const world = vaultWorld(local);
  let hook: Contract;
  let receiver: Contract;
  let offeringId: bigint;
  let usdc: string;

  beforeAll(async () => {
    const { miner, alice, bob } = marketCast(world);
    await world.fund(miner, alice, bob);
    hook = await deployArtifact("HookToken.sol/HookToken.json", world.deployer);
    receiver = await deployArtifact(
      "HookReceivers.sol/RevertingReceiver.json",
      world.deployer,
      await hook.getAddress(),
    );
    const { riskControlVault } = world.as(world.reserve);
    await world.onboardMiner(miner, {
      capacityUnits: 30n,
      stake: DMC("10000"),
      extraActions: [await setPaymentTokenAction(riskControlVault, await hook.getAddress(), true)],
    });
    usdc = await world.usdc().getAddress();
    ({ offeringId } = await createOffering(
      world.as(miner).riskControlVault,
      await world.offeringParams({ units: 30n, startDay: await world.today(), termDays: 30 }),
    ));
  });

  it("credits an outbid bidder whose token refuses the refund, and pays it once it accepts", async () => {
    const { miner, alice, bob } = marketCast(world);
    // Alice buys 10 units (primary, in USDC: certificate #1 is minted to her), then auctions it in HookToken
    // (secondary).
    await world.mintUsdc(alice.address, USDC("1000"));
    const { tokenId: first } = await buyPrimaryUnits(world.as(alice).marketplace, offeringId, 10n);
    expect(await world.as(alice).hashrateCertificate.ownerOf(first)).toBe(alice.address);
    expect(miner.address).not.toBe(alice.address);
    const hookAddress = await hook.getAddress();
    const { auctionId } = await createAuction(world.as(alice).marketplace, {
      tokenId: first,
      paymentToken: hookAddress,
      reserve: HOOK("10"),
      duration: 3_600,
    });

    // The receiver (a contract, impersonated) bids 10 HOOK; it refuses payments from then on.
    const receiverAddress = await receiver.getAddress();
    await local.provider.send("anvil_setBalance", [receiverAddress, `0x${parseEther("10").toString(16)}`]);
    await local.provider.send("anvil_impersonateAccount", [receiverAddress]);
    const asReceiver = connect(await local.provider.getSigner(receiverAddress), 31337, {
      deployment: local.deployment,
    }).marketplace;
    await (await receiver.getFunction("setRefusing")(false)).wait();
    await (await hook.getFunction("mint")(receiverAddress, HOOK("100"))).wait();
    await (await receiver.getFunction("setRefusing")(true)).wait();
    await placeBid(asReceiver, auctionId, "minimum");

    // Bob outbids: the refund to the receiver fails, so it is credited; Bob's bid still goes through.
    await (await hook.getFunction("mint")(bob.address, HOOK("100"))).wait();
    const outbid = await placeBid(world.as(bob).marketplace, auctionId, "minimum");
    expect(outbid.amount).toBe(HOOK("10.5"));
    expect(outbid.refund).toEqual({ bidder: receiverAddress, amount: HOOK("10"), credited: true });
    expect((await readAuction(world.as(bob).marketplace, auctionId)).highestBidder).toBe(bob.address);
    expect(await readCredit(asReceiver, receiverAddress, hookAddress)).toBe(HOOK("10"));

    // While it still refuses, withdrawing fails with its own error and the credit stays.
    const refused = await withdrawCredit(asReceiver, hookAddress).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ContractRevertError);
    expect(await readCredit(asReceiver, receiverAddress, hookAddress)).toBe(HOOK("10"));

    await (await receiver.getFunction("setRefusing")(false)).wait();
    expect(await withdrawCredit(asReceiver, hookAddress)).toMatchObject({
      token: hookAddress,
      amount: HOOK("10"),
    });
    expect(await hook.getFunction("balanceOf")(receiverAddress)).toBe(HOOK("100"));
    await local.provider.send("anvil_stopImpersonatingAccount", [receiverAddress]);
  });

  it("refuses primary sales the marketplace would refuse before any approval, and cancels an unbid lot", async () => {
    const { miner, bob } = marketCast(world);
    const asBob = world.as(bob);
    const marketplace = await asBob.marketplace.getAddress();
    await world.mintUsdc(bob.address, USDC("5000"));
    // Above the buyer's limit, and more units than are on sale (20 left): refused before the approval.
    const above = await buyPrimaryUnits(asBob.marketplace, offeringId, 5n, { maxPrice: USDC("499") }).catch(
      (error: unknown) => error,
    );
    expect(above).toMatchObject({
      errorName: "Marketplace_PrimaryPriceAboveMax",
      contract: "Marketplace",
      args: [offeringId, USDC("500"), USDC("499")],
      message: `Those units of offering #${offeringId} cost 500 USDC, more than your limit of 499 USDC`,
    });
    const tooMany = await buyPrimaryUnits(asBob.marketplace, offeringId, 25n).catch(
      (error: unknown) => error,
    );
    expect(tooMany).toBeInstanceOf(ContractRevertError);
    expect(tooMany).toMatchObject({
      errorName: "RiskControlVault_UnitsUnavailable",
      contract: "RiskControlVault",
      args: [offeringId, 25n, 20n],
    });
    expect(await world.usdc().allowance(bob.address, marketplace)).toBe(0n);

    // An offer on the offering in HookToken: the miner cannot accept it as a primary sale (USDC only).
    const hookAddress = await hook.getAddress();
    await (await hook.getFunction("mint")(bob.address, HOOK("100"))).wait();
    const { offerId } = await makeOfferingOffer(asBob.marketplace, offeringId, {
      units: 5n,
      paymentToken: hookAddress,
      amount: HOOK("50"),
      expiry: (await chainNow()) + 86_400,
    });
    const wrong = await acceptPrimaryOffer(world.as(miner).marketplace, offerId).catch(
      (error: unknown) => error,
    );
    expect(wrong).toMatchObject({
      errorName: "Marketplace_WrongPaymentToken",
      contract: "Marketplace",
      args: [offeringId, hookAddress, usdc],
    });

    // A lot of 10 units at auction is off sale until its auction is cancelled.
    const asMiner = world.as(miner);
    const lot = await createPrimaryAuction(asMiner.marketplace, {
      offeringId,
      units: 10n,
      reserve: USDC("100"),
      duration: 3_600,
    });
    expect(lot).toMatchObject({
      offeringId,
      units: 10n,
      lotId: primaryLotId(offeringId),
      paymentToken: usdc,
    });
    expect(await readSaleTerms(asMiner.riskControlVault, offeringId)).toMatchObject({
      unitsOnSale: 10n,
      lotUnits: 10n,
    });
    expect(await readAuction(asMiner.marketplace, lot.auctionId)).toMatchObject({
      primary: true,
      offeringId,
      units: 10n,
      tokenId: primaryLotId(offeringId),
    });
    await cancelAuction(asMiner.marketplace, lot.auctionId);
    expect(await readSaleTerms(asMiner.riskControlVault, offeringId)).toMatchObject({
      unitsOnSale: 20n,
      lotUnits: 0n,
    });
  });

  it("voids a primary auction of a lot whose offering the DAO terminated before settlement", async () => {
    const { miner, alice, bob } = marketCast(world);
    const { auctionId } = await createPrimaryAuction(world.as(miner).marketplace, {
      offeringId,
      units: 10n,
      reserve: USDC("500"),
      duration: 3_600,
    });
    await world.mintUsdc(alice.address, USDC("500"));
    const { endTime } = await placeBid(world.as(alice).marketplace, auctionId, "minimum");
    expect(await world.usdc().balanceOf(alice.address)).toBe(0n);

    const { riskControlVault } = world.as(world.reserve);
    await world.passProposal(
      [await terminateOfferingAction(riskControlVault, offeringId)],
      `# Terminate offering #${offeringId}`,
    );
    // Void at once: no more bids, and anyone may settle it before its end.
    const read = await readAuction(world.as(alice).marketplace, auctionId);
    expect(read.voided).toBe(true);
    expect(read.endTime).toBe(endTime);
    expect(await chainNow()).toBeLessThan(endTime);
    await world.mintUsdc(bob.address, USDC("1000"));
    const refused = await placeBid(world.as(bob).marketplace, auctionId, "minimum").catch(
      (error: unknown) => error,
    );
    expect(refused).toMatchObject({ errorName: "Marketplace_AuctionVoid" });

    const result = await settleAuction(world.as(alice).marketplace, auctionId);
    expect(result.outcome).toBe("voided");
    if (result.outcome !== "voided") throw new Error("settled");
    expect(result.reason).toMatchObject({
      errorName: "Marketplace_AuctionVoid",
      contract: "Marketplace",
    });
    expect(result.reason.message).toMatch(
      new RegExp(`^Auction #${auctionId} is void: its offering changed since it was created`),
    );
    expect(result.credited).toEqual([]);
    // No certificate was minted for the lot; the bid went back.
    const { hashrateCertificate } = world.as(alice);
    expect(await hashrateCertificate.holderOf(primaryLotId(offeringId))).toBe(ZeroAddress);
    expect(await hashrateCertificate.balanceOf(alice.address)).toBe(0n); // her #1 is held by its auction
    expect(await world.usdc().balanceOf(alice.address)).toBe(USDC("500"));

    // The terminated offering sells nothing more: the SDK says so before asking for an approval.
    const closed = await buyPrimaryUnits(world.as(bob).marketplace, offeringId, 1n).catch(
      (error: unknown) => error,
    );
    expect(closed).toMatchObject({
      errorName: "RiskControlVault_InvalidStatus",
      message: `Not possible while offering #${offeringId} is Terminated`,
    });
  });

  async function chainNow(): Promise<number> {
    const block = await local.provider.getBlock("latest");
    if (!block) throw new Error("no block");
    return block.timestamp;
  }
});
