import type { ContractTransactionReceipt } from "ethers";

import { HashrateCertificate__factory, type RiskControlVault } from "../generated/typechain/index.js";
import { callDecoded, firstEvent, requireSender, sendAndWait, withGasMargin } from "../transaction.js";
import { vaultSources } from "./payment.js";
import { decodeTokenId } from "./tokenId.js";

const SOURCES = vaultSources();

/** A certificate's figures (the vault's `certificateView`) and owner. Amounts in the offering's tokens. */
export interface CertificateDetails {
  readonly tokenId: bigint;
  readonly offeringId: bigint;
  /** Numbered from 1 in the order the offering's sales and splits minted them. */
  readonly index: bigint;
  readonly owner: string;
  readonly units: bigint;
  /** First day its escrow and yield count: the sale day, or the term's start. */
  readonly saleDay: number;
  /** Escrow of its primary sale (payment token units). */
  readonly escrow: bigint;
  /** Part of `escrow` released to the miner (its delivered days). */
  readonly escrowReleased: bigint;
  /** What `refund` would pay now: 0 unless the offering is terminated and it was not refunded. */
  readonly refundable: bigint;
  readonly refunded: boolean;
  /** Yield its owner can claim now (yield token units). */
  readonly claimableYield: bigint;
}

/**
 * Reads a certificate's figures and owner in parallel. Throws `ContractRevertError`
 * (`RiskControlVault_UnknownCertificate`, `RiskControlVault_UnknownOffering`) for an id that does not exist
 * or was burned.
 *
 * @example
 * ```ts
 * const { owner, claimableYield, refundable } = await readCertificate(riskControlVault, tokenId);
 * ```
 */
export async function readCertificate(vault: RiskControlVault, tokenId: bigint): Promise<CertificateDetails> {
  const [view, owner] = await callDecoded(
    () =>
      Promise.all([
        vault.certificateView(tokenId),
        vault
          .certificate()
          .then((address) => HashrateCertificate__factory.connect(address, vault.runner).holderOf(tokenId)),
      ]),
    SOURCES,
  );
  return {
    tokenId,
    offeringId: view.offeringId,
    index: decodeTokenId(tokenId).index,
    owner,
    units: view.units,
    saleDay: Number(view.saleDay),
    escrow: view.escrow,
    escrowReleased: view.escrowReleased,
    refundable: view.refundable,
    refunded: view.refunded,
    claimableYield: view.claimableYield,
  };
}

/** What {@link splitCertificate} returns, from the `CertificateSplit` event. */
export interface SplitResult {
  /** The new certificate, owned by the signer. */
  readonly newTokenId: bigint;
  readonly keptUnits: bigint;
  readonly newUnits: bigint;
  readonly receipt: ContractTransactionReceipt;
}

/**
 * Splits `splitUnits` of a certificate the vault's signer owns into a new certificate: escrow divides pro
 * rata to units (`splitEscrow`), yield accrued so far stays with `tokenId`. Throws `ContractRevertError`,
 * e.g. `RiskControlVault_InvalidSplit`, `RiskControlVault_NotOwner`.
 *
 * @example
 * ```ts
 * const { newTokenId } = await splitCertificate(asHolder.riskControlVault, tokenId, 4n);
 * ```
 */
export async function splitCertificate(
  vault: RiskControlVault,
  tokenId: bigint,
  splitUnits: bigint,
): Promise<SplitResult> {
  requireSender(vault, "splitCertificate");
  const receipt = await sendAndWait(withGasMargin(vault.split, tokenId, splitUnits), SOURCES);
  const split = firstEvent(receipt, vault, vault.getEvent("CertificateSplit"));
  return {
    newTokenId: split.args.newTokenId,
    keptUnits: split.args.keptUnits,
    newUnits: split.args.newUnits,
    receipt,
  };
}

/** What {@link mergeCertificates} returns. */
export interface MergeResult {
  /** Units `tokenId` carries after the merge. */
  readonly units: bigint;
  readonly receipt: ContractTransactionReceipt;
}

/**
 * Merges `otherTokenId` into `tokenId`, both owned by the vault's signer, of one offering and sold on the
 * same day: units, escrow and accrued yield add up, `otherTokenId` is burned. Throws
 * `ContractRevertError`, e.g. `RiskControlVault_MergeMismatch`.
 *
 * @example
 * ```ts
 * await mergeCertificates(asHolder.riskControlVault, tokenId, newTokenId);
 * ```
 */
export async function mergeCertificates(
  vault: RiskControlVault,
  tokenId: bigint,
  otherTokenId: bigint,
): Promise<MergeResult> {
  requireSender(vault, "mergeCertificates");
  const receipt = await sendAndWait(withGasMargin(vault.merge, tokenId, otherTokenId), SOURCES);
  const merged = firstEvent(receipt, vault, vault.getEvent("CertificatesMerged"));
  return { units: merged.args.units, receipt };
}

/**
 * Burns a certificate of a finished or terminated offering with nothing left to claim or refund (a record
 * its owner no longer wants). Throws `ContractRevertError` (`RiskControlVault_NotBurnable`) otherwise.
 *
 * @example
 * ```ts
 * await burnCertificate(asHolder.riskControlVault, tokenId);
 * ```
 */
export async function burnCertificate(
  vault: RiskControlVault,
  tokenId: bigint,
): Promise<ContractTransactionReceipt> {
  requireSender(vault, "burnCertificate");
  return sendAndWait(withGasMargin(vault.burn, tokenId), SOURCES);
}
