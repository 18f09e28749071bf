// Event handlers of the HashrateCertificate data source (AssemblyScript, compiled by `graph build`): ERC-721
// ownership and approvals, ERC-4906 metadata updates and the renderer. The vault's accounting of each
// certificate (units, escrow, yield) comes from RiskControlVault's events (riskControlVault.ts); the vault
// emits its event before the certificate's mint or burn Transfer of the same call.
import { Address, BigInt, Bytes, log } from "@graphprotocol/graph-ts";

import {
  Approval as ApprovalEvent,
  ApprovalForAll as ApprovalForAllEvent,
  BatchMetadataUpdate as BatchMetadataUpdateEvent,
  MetadataUpdate as MetadataUpdateEvent,
  RendererSet as RendererSetEvent,
  Transfer as TransferEvent,
} from "../../generated/HashrateCertificate/HashrateCertificate";
import {
  Account,
  Certificate,
  CertificateCollection,
  CertificateOperator,
  CertificateTransfer,
  Offering,
  Protocol,
} from "../../generated/schema";
import { ZERO_ADDRESS } from "../utils/constants";
import { eventId, getOrCreateAccount, getOrCreateProtocol, getOrCreateProtocolDay } from "../utils/entities";
import { voidCertificateSales, voidOfferingSales } from "../utils/market";
import { getOrCreateCertificate, loadOffering, offeringIdOf } from "../utils/vault";

function getOrCreateCollection(address: Address): CertificateCollection {
  let collection = CertificateCollection.load(address);
  if (collection == null) {
    collection = new CertificateCollection(address);
    collection.renderer = ZERO_ADDRESS;
    collection.save();
  }
  return collection as CertificateCollection;
}

/** Moves one certificate in or out of `account`'s count, keeping the protocol's holder count exact. */
function adjustHolding(account: Account, protocol: Protocol, delta: i32, newHolder: boolean): boolean {
  const before = account.certificateCount;
  account.certificateCount = before + delta;
  account.save();
  if (before === 0 && account.certificateCount > 0) {
    protocol.certificateHolderCount = protocol.certificateHolderCount + 1;
    return true;
  }
  if (before > 0 && account.certificateCount === 0) {
    protocol.certificateHolderCount = protocol.certificateHolderCount - 1;
  }
  return newHolder;
}

export function handleTransfer(event: TransferEvent): void {
  const from = event.params.from;
  const to = event.params.to;
  const tokenId = event.params.id;
  const protocol = getOrCreateProtocol();
  const certificate = getOrCreateCertificate(tokenId, event);
  const stats = getOrCreateProtocolDay(event.block.timestamp);
  let newHolder = false;

  // Each account is loaded, changed and saved before the other is loaded (a transfer to oneself nets out).
  if (from.equals(ZERO_ADDRESS)) {
    protocol.certificateCount = protocol.certificateCount + 1;
    stats.certificatesMinted = stats.certificatesMinted + 1;
    const offering = loadOffering(offeringIdOf(tokenId));
    offering.liveCertificates = offering.liveCertificates + 1;
    offering.save();
    certificate.mintedAt = event.block.timestamp;
    certificate.mintedAtBlock = event.block.number;
  } else {
    newHolder = adjustHolding(getOrCreateAccount(from), protocol, -1, newHolder);
  }
  if (to.equals(ZERO_ADDRESS)) {
    protocol.certificateCount = protocol.certificateCount - 1;
    const offering = loadOffering(offeringIdOf(tokenId));
    offering.liveCertificates = offering.liveCertificates - 1;
    offering.save();
    certificate.burned = true;
    certificate.burnedAt = event.block.timestamp;
  } else {
    newHolder = adjustHolding(getOrCreateAccount(to), protocol, 1, newHolder);
  }
  if (newHolder) stats.newHolders = stats.newHolders + 1;
  stats.save();
  protocol.save();

  // ERC-721 clears the token's approval on every transfer (without an Approval event).
  certificate.owner = getOrCreateAccount(to).id;
  certificate.approved = null;
  certificate.save();

  const transfer = new CertificateTransfer(eventId(event));
  transfer.certificate = certificate.id;
  transfer.from = getOrCreateAccount(from).id;
  transfer.to = certificate.owner;
  transfer.blockNumber = event.block.number;
  transfer.timestamp = event.block.timestamp;
  transfer.transactionHash = event.transaction.hash;
  transfer.save();

  // A change of holder moves the sale nonce (mints start it); a burned certificate is never sold either.
  if (!from.equals(ZERO_ADDRESS)) voidCertificateSales(certificate.id);
}

export function handleApproval(event: ApprovalEvent): void {
  const certificate = Certificate.load(event.params.id.toString());
  if (certificate == null) {
    log.error("Approval of unknown certificate {}", [event.params.id.toString()]);
    return;
  }
  const approved = event.params.account;
  certificate.approved = approved.equals(ZERO_ADDRESS) ? null : approved;
  certificate.save();
}

export function handleApprovalForAll(event: ApprovalForAllEvent): void {
  const owner = getOrCreateAccount(event.params.owner);
  const operator = getOrCreateAccount(event.params.operator);
  const id = event.address.concat(owner.id).concat(operator.id);
  let approval = CertificateOperator.load(id);
  if (approval == null) {
    approval = new CertificateOperator(id);
    approval.owner = owner.id;
    approval.operator = operator.id;
  }
  approval.approved = event.params.isApproved;
  approval.updatedAtBlock = event.block.number;
  approval.save();
}

export function handleMetadataUpdate(event: MetadataUpdateEvent): void {
  const certificate = Certificate.load(event.params._tokenId.toString());
  if (certificate == null) {
    log.warning("MetadataUpdate of unknown certificate {}", [event.params._tokenId.toString()]);
    return;
  }
  certificate.metadataUpdatedAtBlock = event.block.number;
  certificate.save();
  // The vault's announceUpdate (split, merge, refund, primary sale) moved the sale nonce.
  voidCertificateSales(certificate.id);
}

export function handleBatchMetadataUpdate(event: BatchMetadataUpdateEvent): void {
  const fromId = event.params._fromTokenId;
  const toId = event.params._toTokenId;
  const maxUint256 = BigInt.fromUnsignedBytes(
    Bytes.fromHexString("0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"),
  );
  if (fromId.isZero() && toId.equals(maxUint256)) {
    // Every token (a renderer change).
    const collection = getOrCreateCollection(event.address);
    collection.metadataUpdatedAtBlock = event.block.number;
    collection.save();
    return;
  }
  // The vault announces an offering's whole id range (status changes).
  const offering = Offering.load(offeringIdOf(fromId).toString());
  if (offering == null || !offeringIdOf(toId).equals(offeringIdOf(fromId))) {
    log.warning("BatchMetadataUpdate of an unexpected range {}..{}", [fromId.toString(), toId.toString()]);
    return;
  }
  offering.metadataUpdatedAtBlock = event.block.number;
  offering.save();
  // announceOfferingUpdate (flag, resume, terminate, finish) moved every certificate's sale nonce.
  voidOfferingSales(offering.id);
}

export function handleRendererSet(event: RendererSetEvent): void {
  const collection = getOrCreateCollection(event.address);
  collection.renderer = event.params.newRenderer;
  collection.save();
}
