// Event handlers of the YieldOracle data source (AssemblyScript, compiled by `graph build`).
// Every handler here must be listed in datasources/YieldOracle.yaml with its ABI signature.
import { log } from "@graphprotocol/graph-ts";

import { Coin, OracleReport } from "../../generated/schema";
import {
  DayFinalized as DayFinalizedEvent,
  OwnershipTransferred as OwnershipTransferredEvent,
  OwnershipTransferStarted as OwnershipTransferStartedEvent,
  QuorumSet as QuorumSetEvent,
  ReporterAdded as ReporterAddedEvent,
  ReporterRemoved as ReporterRemovedEvent,
  ReportSubmitted as ReportSubmittedEvent,
} from "../../generated/YieldOracle/YieldOracle";
import { recordOwner, recordPendingOwner } from "../utils/access";
import { eventId } from "../utils/entities";
import { getOrCreateDailyIndex, getOrCreateOracleSettings, getOrCreateReporter } from "../utils/registry";
import { rateDeliveries } from "../utils/vault";

const NAME = "YieldOracle";

export function handleReportSubmitted(event: ReportSubmittedEvent): void {
  const coinId = event.params.coinId;
  const day = event.params.day.toI32();
  const index = getOrCreateDailyIndex(coinId, day);
  index.reportCount = index.reportCount + 1;
  index.save();

  const reporter = getOrCreateReporter(event.params.reporter, event);
  reporter.reportCount = reporter.reportCount + 1;
  reporter.save();

  const report = new OracleReport(eventId(event));
  report.reporter = reporter.id;
  report.dailyIndex = index.id;
  report.coin = coinId.toString();
  report.coinId = coinId;
  report.day = day;
  report.value = event.params.value;
  report.blockNumber = event.block.number;
  report.timestamp = event.block.timestamp;
  report.transactionHash = event.transaction.hash;
  report.save();
}

export function handleDayFinalized(event: DayFinalizedEvent): void {
  const coinId = event.params.coinId;
  const day = event.params.day.toI32();
  const index = getOrCreateDailyIndex(coinId, day);
  index.value = event.params.value;
  if (index.reportCount !== event.params.reporters) {
    // The day's reports all come before its finalisation; a mismatch means a report was missed.
    log.error("DayFinalized {}: {} reporters, {} reports indexed", [
      index.id,
      event.params.reporters.toString(),
      index.reportCount.toString(),
    ]);
  }
  index.isFinal = true;
  index.finalizedAt = event.block.timestamp;
  index.finalizedTransactionHash = event.transaction.hash;
  index.save();
  rateDeliveries(coinId, day, event.params.value);

  const coin = Coin.load(coinId.toString());
  if (coin != null) {
    if (coin.latestFinalDay < day) {
      coin.latestFinalDay = day;
      coin.save();
    }
  }
}

export function handleReporterAdded(event: ReporterAddedEvent): void {
  const reporter = getOrCreateReporter(event.params.reporter, event);
  reporter.active = true;
  reporter.addedAt = event.block.timestamp;
  reporter.save();

  const settings = getOrCreateOracleSettings(event.address);
  settings.reporterCount = settings.reporterCount + 1;
  settings.save();
}

export function handleReporterRemoved(event: ReporterRemovedEvent): void {
  const reporter = getOrCreateReporter(event.params.reporter, event);
  reporter.active = false;
  reporter.removedAt = event.block.timestamp;
  reporter.save();

  const settings = getOrCreateOracleSettings(event.address);
  settings.reporterCount = settings.reporterCount - 1;
  settings.save();
}

export function handleQuorumSet(event: QuorumSetEvent): void {
  const settings = getOrCreateOracleSettings(event.address);
  settings.quorum = event.params.newQuorum;
  settings.save();
}

export function handleOwnershipTransferStarted(event: OwnershipTransferStartedEvent): void {
  recordPendingOwner(event, NAME, event.params.newOwner);
}

export function handleOwnershipTransferred(event: OwnershipTransferredEvent): void {
  recordOwner(event, NAME, event.params.newOwner);
}
