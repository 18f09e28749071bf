import type { ContractTransactionReceipt } from "ethers";
import { DmexError } from "../errors.js";
import type { DmcToken, MinerRegistry } from "../generated/typechain/index.js";
import { decodeRevert } from "../revert.js";
import { sendAndWait, signerAddress, sourcesFirst, withGasMargin } from "../transaction.js";

const SOURCES = sourcesFirst("MinerRegistry");

/** What {@link stake} sent. */
export interface StakeResult {
  /** The `approve` receipt; `undefined` when the allowance already covered the amount. */
  readonly approval: ContractTransactionReceipt | undefined;
  readonly receipt: ContractTransactionReceipt;
}

/**
 * Stakes `amount` DMC (wei) for the registry's signer: approves the registry to take it (only if the
 * allowance is short) and stakes, waiting for both. `registry` and `dmcToken` must be connected to the same
 * signer, the miner. A stake the registry would refuse (e.g. `MinerRegistry_ApprovalExpired`,
 * `MinerRegistry_InvalidStatus`) is thrown as `ContractRevertError` before any approval is sent.
 *
 * @example
 * ```ts
 * const asMiner = connect(minerWallet, 31337);
 * await stake(asMiner.minerRegistry, asMiner.dmcToken, parseUnits("10000", 18));
 * (await readMiner(asMiner.minerRegistry, minerWallet.address)).status; // "Active"
 * ```
 */
export async function stake(
  registry: MinerRegistry,
  dmcToken: DmcToken,
  amount: bigint,
): Promise<StakeResult> {
  const owner = await signerAddress(registry, "stake");
  if ((await signerAddress(dmcToken, "stake")) !== owner) {
    throw new DmexError(
      "SIGNER_REQUIRED",
      "stake needs minerRegistry and dmcToken connected to the same signer",
    );
  }
  const spender = await registry.getAddress();

  let approval: ContractTransactionReceipt | undefined;
  if ((await dmcToken.allowance(owner, spender)) < amount) {
    // Simulate first: the registry checks the miner's status before it pulls the DMC, so any revert other
    // than the missing allowance is the one the stake would meet, and no approval needs to be paid for.
    try {
      await registry.stake.staticCall(amount);
    } catch (error) {
      const revert = decodeRevert(error, SOURCES);
      if (revert?.errorName !== "ERC20InsufficientAllowance") throw revert ?? error;
    }
    approval = await sendAndWait(withGasMargin(dmcToken.approve, spender, amount), sourcesFirst("DmcToken"));
  }
  const receipt = await sendAndWait(withGasMargin(registry.stake, amount), SOURCES);
  return { approval, receipt };
}
