import { type ContractTransactionReceipt, getAddress, isAddress, ZeroAddress } from "ethers";
import { InvalidAddressError } from "../errors.js";
import type { HashrateCertificate } from "../generated/typechain/index.js";
import { firstEvent, sendAndWait, signerAddress, withGasMargin } from "../transaction.js";
import { vaultSources } from "./payment.js";

const SOURCES = vaultSources();

/** What {@link transferCertificate} returns. */
export interface TransferResult {
  readonly tokenId: bigint;
  readonly from: string;
  /** The recipient, checksummed. */
  readonly to: string;
  /**
   * The certificate's sale nonce after the transfer. Every listing and offer made on it before names an
   * older nonce, so none of them can sell it any more, even if it comes back to the seller.
   */
  readonly saleNonce: bigint;
  readonly receipt: ContractTransactionReceipt;
}

/**
 * Gives a certificate the signer holds to `to` (ERC-721 `safeTransferFrom`: a contract recipient must accept
 * ERC-721 tokens). Units, escrow, refund rights and unclaimed yield go with it. Listings and offers on the
 * certificate die for good (its sale nonce moves). Throws {@link InvalidAddressError} for a malformed or zero
 * recipient before anything is sent, `ContractRevertError` when the chain refuses (e.g.
 * `TransferFromIncorrectOwner` for a certificate the signer does not hold, `TransferToNonERC721ReceiverImplementer` for a contract
 * that does not take ERC-721 tokens).
 *
 * @example
 * ```ts
 * const { saleNonce } = await transferCertificate(asHolder.hashrateCertificate, tokenId, friend);
 * ```
 */
export async function transferCertificate(
  certificate: HashrateCertificate,
  tokenId: bigint,
  to: string,
): Promise<TransferResult> {
  if (!isAddress(to) || getAddress(to) === ZeroAddress) throw new InvalidAddressError("The recipient", to);
  const from = await signerAddress(certificate, "transferCertificate");
  const receipt = await sendAndWait(
    withGasMargin(certificate["safeTransferFrom(address,address,uint256)"], from, getAddress(to), tokenId),
    SOURCES,
  );
  const transfer = firstEvent(receipt, certificate, certificate.getEvent("Transfer"));
  return {
    tokenId,
    from: transfer.args.from,
    to: transfer.args.to,
    saleNonce: await certificate.saleNonce(tokenId, { blockTag: receipt.blockNumber }),
    receipt,
  };
}
