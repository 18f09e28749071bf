import { Wallet } from "ethers";
import { afterAll, describe, expect, it } from "vitest";

import { connect } from "./client.js";
import { SignerRequiredError } from "./errors.js";
import { propose } from "./governance/lifecycle.js";
import { buildProposal } from "./governance/proposal.js";
import { castVote } from "./governance/vote.js";
import { createReadProvider } from "./provider.js";
import { submitApplication } from "./registry/application.js";
import { stake } from "./registry/stake.js";

// Nothing listens on port 9: these checks must fail before any request is made.
const provider = createReadProvider("http://127.0.0.1:9", 31337);
const readOnly = connect(provider, 31337);
const proposal = buildProposal(
  [{ target: readOnly.deployment.contracts.DmcToken.address, value: 0n, calldata: "0x" }],
  "# x",
);

describe("write helpers without a signer", () => {
  afterAll(() => provider.destroy());

  it("refuse a contract bound to a provider with a typed error", async () => {
    await expect(propose(readOnly.governor, proposal)).rejects.toBeInstanceOf(SignerRequiredError);
    await expect(castVote(readOnly.governor, 1n, "for")).rejects.toMatchObject({ code: "SIGNER_REQUIRED" });
    await expect(
      submitApplication(readOnly.minerRegistry, {
        profileURI: "ipfs://x",
        contentHash: `0x${"11".repeat(32)}`,
        coinId: 1n,
        capacityUnits: 1n,
        maxTermDays: 1,
        expectedYieldPerUnit: 1n,
      }),
    ).rejects.toThrow(/submitApplication sends a transaction/);
    await expect(stake(readOnly.minerRegistry, readOnly.dmcToken, 1n)).rejects.toBeInstanceOf(
      SignerRequiredError,
    );
  });

  it("stake refuses a registry and a token connected to different signers", async () => {
    const miner = connect(Wallet.createRandom(provider), 31337);
    const other = connect(Wallet.createRandom(provider), 31337);
    await expect(stake(miner.minerRegistry, other.dmcToken, 1n)).rejects.toThrow(/same signer/);
  });
});
