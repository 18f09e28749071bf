// The marketplace's refunds that cannot block anyone, on anvil through the SDK: a bidder that refuses
// payment is credited instead of repaid (and withdraws once it accepts again), and a primary auction whose
// offering the DAO terminated before settlement is voided (certificate back to the miner, bid back to the
// bidder). Also the refusals the SDK raises itself before an approval exists, and an unbid auction cancelled.
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
import { DMC, FILECOIN, USDC, vaultWorld } from "../../test/vaultWorld.js";
import { connect } from "../client.js";
import { ContractRevertError } from "../errors.js";
import { setPaymentTokenAction, terminateOfferingAction } from "../vault/admin.js";
import { createOffering } from "../vault/offering.js";
import { decodeTokenId } from "../vault/tokenId.js";
import { cancelAuction, createAuction, readAuction } from "./auction.js";
import { placeBid } from "./bid.js";
import { buyListing } from "./buy.js";
import { readCredit, withdrawCredit } from "./credit.js";
import { listCertificate } from "./listing.js";
import { settleAuction } from "./settle.js";

const HOOK = (amount: string) => parseUnits(amount, 18);

describe("refunds nobody can block: credits for a refusing bidder, a voided primary auction", () => {
  const local = useLocalChain();
  const world = vaultWorld(local);
  let hook: Contract;
  let receiver: Contract;
  let tokenIds: readonly bigint[];
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
    ({ tokenIds } = await createOffering(world.as(miner).riskControlVault, {
      coinId: FILECOIN,
      paymentToken: usdc,
      unitsPerCertificate: 10n,
      certificateCount: 3,
      startDay: await world.today(),
      termDays: 30,
    }));
  });

  it("credits an outbid bidder whose token refuses the refund, and pays it once it accepts", async () => {
    const { miner, alice, bob } = marketCast(world);
    const [first] = tokenIds;
    if (first === undefined) throw new Error("no certificate");
    // Alice buys certificate #1 (primary, in USDC), then auctions it in HookToken (secondary).
    await world.mintUsdc(alice.address, USDC("1000"));
    const { listingId } = await listCertificate(world.as(miner).marketplace, {
      tokenId: first,
      paymentToken: usdc,
      price: USDC("1000"),
      expiry: (await chainNow()) + 86_400,
    });
    await buyListing(world.as(alice).marketplace, listingId);
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

  it("refuses a primary listing in the wrong token before any approval, and cancels an unbid auction", async () => {
    const { miner } = marketCast(world);
    const third = tokenIds[2];
    if (third === undefined) throw new Error("no certificate");
    const asMiner = world.as(miner);
    const wrong = await listCertificate(asMiner.marketplace, {
      tokenId: third,
      paymentToken: await hook.getAddress(),
      price: HOOK("1"),
      expiry: (await chainNow()) + 86_400,
    }).catch((error: unknown) => error);
    expect(wrong).toBeInstanceOf(ContractRevertError);
    expect(wrong).toMatchObject({
      errorName: "Marketplace_WrongPaymentToken",
      contract: "Marketplace",
      args: [third, await hook.getAddress(), usdc],
    });
    // Found by the SDK before the approval: the marketplace is still not approved for the certificate.
    expect(await asMiner.hashrateCertificate.getApproved(third)).toBe(ZeroAddress);

    const { auctionId, approval } = await createAuction(asMiner.marketplace, {
      tokenId: third,
      paymentToken: usdc,
      reserve: USDC("100"),
      duration: 3_600,
    });
    expect(approval).toBeDefined();
    expect(await asMiner.hashrateCertificate.ownerOf(third)).toBe(await asMiner.marketplace.getAddress());
    await cancelAuction(asMiner.marketplace, auctionId);
    expect(await asMiner.hashrateCertificate.ownerOf(third)).toBe(miner.address);
  });

  it("voids a primary auction whose offering the DAO terminated before settlement", async () => {
    const { miner, alice, bob } = marketCast(world);
    const second = tokenIds[1];
    if (second === undefined) throw new Error("no certificate");
    const { offeringId } = decodeTokenId(second);
    const { auctionId } = await createAuction(world.as(miner).marketplace, {
      tokenId: second,
      paymentToken: usdc,
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
      new RegExp(`^Auction #${auctionId} is void: its certificate's offering changed since it was created`),
    );
    expect(result.credited).toEqual([]);
    const { hashrateCertificate } = world.as(alice);
    expect(await hashrateCertificate.ownerOf(second)).toBe(miner.address);
    expect(await world.usdc().balanceOf(alice.address)).toBe(USDC("500"));

    // The terminated offering sells nothing more: the SDK says so before asking for an approval.
    const third = tokenIds[2];
    if (third === undefined) throw new Error("no certificate");
    const closed = await listCertificate(world.as(miner).marketplace, {
      tokenId: third,
      paymentToken: usdc,
      price: USDC("100"),
      expiry: (await chainNow()) + 86_400,
    }).catch((error: unknown) => error);
    expect(closed).toMatchObject({
      errorName: "Marketplace_OfferingNotOnSale",
      message: "Certificate #3 of offering #1 cannot have its primary sale: its offering is Terminated",
    });
  });

  async function chainNow(): Promise<number> {
    const block = await local.provider.getBlock("latest");
    if (!block) throw new Error("no block");
    return block.timestamp;
  }
});
