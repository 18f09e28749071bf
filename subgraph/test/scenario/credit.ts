// A marketplace credit, day 10: the DAO allowlists a second payment token (the contracts' test token
// HookToken, whose receivers can refuse payments), Dave claims his yield and auctions A #1 in it; a contract
// bidder that refuses payments (RevertingReceiver, impersonated on anvil) bids, Bob outbids it, its refund
// fails and is credited; once it accepts payments again it withdraws the credit; the auction settles to Bob
// (a secondary sale paid in HookToken). Contracts from forge's build output, as in the SDK's
// src/market/refunds.e2e.test.ts.
import {
  connect,
  createAuction,
  placeBid,
  readCredit,
  setPaymentTokenAction,
  settleAuction,
  withdrawCredit,
} from "@dmex/sdk";
import { deployArtifact, send } from "@dmex/testing/artifacts";

import { claim, type PayoutsRecord } from "./claims.js";
import type { ScenarioContext } from "./context.js";
import type { Offerings, SalesRecord } from "./sales.js";

const HOOK = (whole: bigint) => whole * 10n ** 18n;

export interface CreditRecord {
  readonly token: string;
  readonly receiver: string;
  readonly auctionId: bigint;
  readonly credited: bigint;
  readonly withdrawn: bigint;
  readonly proposal: bigint;
}

export async function creditAct(
  ctx: ScenarioContext,
  offerings: Offerings,
  sales: SalesRecord,
  payouts: PayoutsRecord,
): Promise<CreditRecord> {
  const { cast, as, chain } = ctx;
  const { dave, bob } = cast;
  const hook = await deployArtifact("HookToken.sol/HookToken.json", cast.deployer);
  const token = await hook.getAddress();
  const receiver = await deployArtifact("HookReceivers.sol/RevertingReceiver.json", cast.deployer, token);
  const receiverAddress = await receiver.getAddress();
  const proposal = await ctx.pass(
    [await setPaymentTokenAction(as(cast.reserve).riskControlVault, token, true)],
    "# Allow HookToken as a payment token\n\nFor secondary sales of certificates.",
  );

  const tokenId = offerings.a.tokenIds[0];
  if (tokenId === undefined) throw new Error("no certificate A #1");
  await claim(ctx, payouts, dave, [tokenId]);
  const { auctionId } = await createAuction(as(dave).marketplace, {
    tokenId,
    paymentToken: token,
    reserve: HOOK(10n),
    duration: 3_600,
  });

  await chain.provider.send("anvil_setBalance", [receiverAddress, `0x${(10n * 10n ** 18n).toString(16)}`]);
  await chain.provider.send("anvil_impersonateAccount", [receiverAddress]);
  const asReceiver = connect(await chain.provider.getSigner(receiverAddress), 31337, {
    deployment: chain.deployment,
  }).marketplace;
  await send(receiver, "setRefusing", false);
  await send(hook, "mint", receiverAddress, HOOK(100n));
  await send(receiver, "setRefusing", true);
  await placeBid(asReceiver, auctionId, "minimum");
  await send(hook, "mint", bob.address, HOOK(100n));
  const outbid = await placeBid(as(bob).marketplace, auctionId, "minimum");
  if (!outbid.refund?.credited) throw new Error("the refusing bidder was repaid, not credited");
  const credited = await readCredit(asReceiver, receiverAddress, token);
  await send(receiver, "setRefusing", false);
  const { amount: withdrawn } = await withdrawCredit(asReceiver, token);
  await chain.provider.send("anvil_stopImpersonatingAccount", [receiverAddress]);

  await ctx.advance(outbid.endTime - (await ctx.now()) + 1);
  const settled = await settleAuction(as(bob).marketplace, auctionId);
  if (settled.outcome !== "settled") throw new Error("the HookToken auction was voided");
  sales.secondary.push({ tokenId, seller: dave.address, buyer: bob.address });
  return { token, receiver: receiverAddress, auctionId, credited, withdrawn, proposal };
}
