import type { CoinOverview } from "@dmex/sdk";
import { ChainUnavailableError, formatAmount, formatDuration } from "@dmex/sdk";

import { useProtocolOverview } from "../hooks/useProtocolOverview";
import { formatInteger, formatPercent, formatUtcDay, shortAddress } from "../lib/format";
import { Card } from "./Card";
import { ErrorNotice } from "./ErrorNotice";
import { Fact, Facts } from "./Facts";
import { Pending } from "./Pending";

function plural(count: bigint | number, one: string, many: string): string {
  return `${formatInteger(count)} ${BigInt(count) === 1n ? one : many}`;
}

function CoinItem({ coin }: { readonly coin: CoinOverview }) {
  const unit = coin.unitSize === 1n ? coin.unitName : `${formatInteger(coin.unitSize)} ${coin.unitName}`;
  return (
    <li>
      {coin.name} · unit {unit} · yield token{" "}
      <span className="mono" title={coin.yieldToken}>
        {shortAddress(coin.yieldToken)}
      </span>
      {coin.active ? "" : " · inactive"} · latest final day:{" "}
      {coin.latestFinalDay === 0 ? "none" : formatUtcDay(coin.latestFinalDay)}
    </li>
  );
}

/** The DAO's rules, the treasury, the council, the registry's coins and the yield oracle, read only. */
export function GovernanceCard() {
  const overview = useProtocolOverview();
  const data = overview.data;

  return (
    <Card title="Governance and registry">
      {overview.error instanceof ChainUnavailableError ? (
        // The chain card already explains the outage.
        <p className="muted">Waiting for the chain to come back.</p>
      ) : overview.isError ? (
        <ErrorNotice error={overview.error} />
      ) : data ? (
        <Facts>
          <Fact label="Voting delay">{formatDuration(data.governor.votingDelay)}</Fact>
          <Fact label="Voting period">{formatDuration(data.governor.votingPeriod)}</Fact>
          <Fact label="Proposal threshold">
            {formatAmount(data.governor.proposalThreshold, data.dmc.decimals, data.dmc.symbol)}
          </Fact>
          <Fact label="Quorum">
            {formatPercent(data.governor.quorumNumerator, data.governor.quorumDenominator)} of{" "}
            {data.dmc.symbol} supply
          </Fact>
          <Fact label="Late quorum extension">{formatDuration(data.governor.lateQuorumVoteExtension)}</Fact>
          <Fact label="Timelock delay">{formatDuration(data.timelockDelay)}</Fact>
          <Fact label="Bootstrap council">
            {formatInteger(data.council.threshold)} of {plural(data.council.ownerCount, "signer", "signers")}
          </Fact>
          <Fact label="Treasury">
            {formatAmount(data.treasury.dmcBalance, data.dmc.decimals, data.dmc.symbol)}
          </Fact>
          <Fact label="Approval window">{formatDuration(data.registry.approvalWindow)}</Fact>
          <Fact label="Unbonding period">{formatDuration(data.registry.unbondingPeriod)}</Fact>
          <Fact label="Yield oracle">
            {plural(data.oracle.reporterCount, "reporter", "reporters")}, {formatInteger(data.oracle.quorum)}{" "}
            must agree
          </Fact>
          <Fact label="Coins">
            {data.registry.coins.length === 0 ? (
              "none registered"
            ) : (
              <ul className="coin-list">
                {data.registry.coins.map((coin) => (
                  <CoinItem key={coin.id.toString()} coin={coin} />
                ))}
              </ul>
            )}
            {BigInt(data.registry.coins.length) < data.registry.coinCount ? (
              <p className="muted">
                Showing the first {formatInteger(data.registry.coins.length)} of{" "}
                {formatInteger(data.registry.coinCount)} coins.
              </p>
            ) : null}
          </Fact>
        </Facts>
      ) : (
        <Pending>Reading governance and the registry…</Pending>
      )}
    </Card>
  );
}
