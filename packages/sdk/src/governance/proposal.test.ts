import { getAddress, keccak256, parseUnits, toUtf8Bytes } from "ethers";
import { describe, expect, it } from "vitest";

import { InvalidProposalError } from "../errors.js";
import { DmcToken__factory } from "../generated/typechain/index.js";
import { actionFromTx, buildProposal, computeProposalId, hashDescription } from "./proposal.js";

const TOKEN = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const OTHER = "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512";
const MINER = "0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc";
const DESCRIPTION = "# Approve miner #1 — ünïcode ⛏";

describe("proposal building", () => {
  it("turns a typed binding's populated call into an action", async () => {
    const token = DmcToken__factory.connect(TOKEN);
    const populated = await token.transfer.populateTransaction(MINER, parseUnits("10000", 18));
    const action = actionFromTx(populated);
    expect(action).toEqual({ target: TOKEN, value: 0n, calldata: populated.data });
    // transfer(address,uint256) with the miner and 10,000 DMC
    expect(action.calldata.slice(0, 10)).toBe("0xa9059cbb");
    expect(token.interface.decodeFunctionData("transfer", action.calldata)).toEqual([
      MINER,
      parseUnits("10000", 18),
    ]);
  });

  it("keeps a value and checksums the target", () => {
    const action = actionFromTx({ to: OTHER.toLowerCase(), data: "0x", value: 5n });
    expect(action).toEqual({ target: getAddress(OTHER), value: 5n, calldata: "0x" });
  });

  it("hashes the description's UTF-8 bytes, as the Governor does", () => {
    expect(hashDescription(DESCRIPTION)).toBe(keccak256(toUtf8Bytes(DESCRIPTION)));
    // Computed independently with `cast keccak`.
    expect(hashDescription(DESCRIPTION)).toBe(
      "0x8d70421c7ae1d40c27c3c583d7bba6e7a2f622ec9463857ab3b27b33cd15796a",
    );
  });

  it("computes the proposal id as Governor.hashProposal", () => {
    const proposal = buildProposal(
      [
        {
          target: TOKEN,
          value: 0n,
          calldata:
            "0xa9059cbb0000000000000000000000009965507d1a55bcc2695c58ba16fb37d819b0a4dc00000000000000000000000000000000000000000000021e19e0c9bab2400000",
        },
        { target: OTHER, value: parseUnits("1", 18), calldata: "0x" },
      ],
      DESCRIPTION,
    );
    // uint256(keccak256(abi.encode(targets, values, calldatas, descriptionHash))), computed with
    // `cast abi-encode` + `cast keccak`; the e2e test also checks it against the deployed Governor.
    expect(computeProposalId(proposal)).toBe(
      101755142061487578312847873165726213106147572559059504259919800151750704740676n,
    );
    // Any change of an action or of the description changes the id.
    expect(computeProposalId({ ...proposal, description: `${DESCRIPTION} ` })).not.toBe(
      computeProposalId(proposal),
    );
  });

  it("refuses a proposal without actions or description", () => {
    const action = { target: TOKEN, value: 0n, calldata: "0x" };
    expect(() => buildProposal([], "# Nothing")).toThrow(InvalidProposalError);
    expect(() => buildProposal([action], "  ")).toThrow(/description is empty/);
  });

  it("copies the actions, so that later changes to the caller's array do not change the proposal", () => {
    const actions = [{ target: TOKEN, value: 0n, calldata: "0x" }];
    const proposal = buildProposal(actions, "# One");
    actions.push({ target: OTHER, value: 0n, calldata: "0x" });
    expect(proposal.actions).toHaveLength(1);
  });
});
