// The benchmark's large market at scale 1, built on a fresh chain: what generateLargeMarket says it made is
// what the chain holds (the contracts' counters and the events in the blocks it mined).
import { connect } from "@dmex/sdk";
import { useLocalChain } from "@dmex/sdk-test/localChain";
import type { Interface } from "ethers";
import { describe, expect, it } from "vitest";

import { generateLargeMarket, LARGE_MARKET_SHAPE } from "./largeMarket.js";

const chain = useLocalChain();

describe("the large market for the indexing benchmark", () => {
  it("builds about ten times the scenario's market, and the chain agrees with its counts", async () => {
    const client = connect(chain.provider, 31337, { deployment: chain.deployment });
    const counts = await generateLargeMarket(chain, 1);
    console.info(`large market: ${JSON.stringify(counts)}`);
    const S = LARGE_MARKET_SHAPE;
    expect(counts).toMatchObject({
      miners: 10,
      offerings: 10,
      // One certificate minted per primary sale: purchases, settled lots, accepted offers.
      certificates: 10 * (S.bought + S.auctions + S.acceptedOffers),
      auctions: 10 * S.auctions,
      bids: 10 * S.auctions * S.bidsPerAuction,
      offers: 10 * S.offers,
      yieldDeposits: 10 * S.yieldDays,
      oracleReports: 3 * S.yieldDays, // the three local reporters: the oracle's quorum is odd
    });

    // Counters: the chain was fresh, so every id the contracts issued is the large market's.
    expect(await client.riskControlVault.offeringCount()).toBe(BigInt(counts.offerings));
    expect(await client.marketplace.listingCount()).toBe(BigInt(counts.listings));
    expect(await client.marketplace.auctionCount()).toBe(BigInt(counts.auctions));
    expect(await client.marketplace.offerCount()).toBe(BigInt(counts.offers));

    // Events in the blocks it mined.
    const count = async (contract: "marketplace" | "riskControlVault" | "yieldOracle", event: string) => {
      const c = client[contract];
      const iface = c.interface as Interface;
      const topic = iface.getEvent(event)?.topicHash;
      if (!topic) throw new Error(`no event ${event}`);
      const logs = await chain.provider.getLogs({
        address: await c.getAddress(),
        fromBlock: counts.blocks.first,
        toBlock: counts.blocks.last,
        topics: [topic],
      });
      return logs.map((log) => iface.parseLog(log));
    };
    const sales = await count("marketplace", "Sale");
    expect(sales.filter((s) => s?.args.getValue("primary") === true)).toHaveLength(counts.primarySales);
    expect(sales.filter((s) => s?.args.getValue("primary") === false)).toHaveLength(counts.secondarySales);
    expect(await count("marketplace", "BidPlaced")).toHaveLength(counts.bids);
    expect(await count("marketplace", "AuctionSettled")).toHaveLength(counts.settledAuctions);
    expect(await count("marketplace", "OfferAccepted")).toHaveLength(counts.acceptedOffers);
    expect(await count("marketplace", "OfferCancelled")).toHaveLength(counts.cancelledOffers);
    expect(await count("riskControlVault", "YieldDeposited")).toHaveLength(counts.yieldDeposits);
    expect(await count("yieldOracle", "ReportSubmitted")).toHaveLength(counts.oracleReports);
    const claimed = await count("riskControlVault", "YieldClaimed");
    expect(claimed.length).toBe(counts.primarySales); // every sold certificate's yield was claimed
    expect(counts.transactions).toBeGreaterThan(1_000);
    expect(counts.wallMs).toBeLessThan(180_000);
  });
});
