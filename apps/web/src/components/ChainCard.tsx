import { useDmexEnvironment } from "../DmexEnvironment";
import { useChainStatus } from "../hooks/useChainStatus";
import { formatBlockTime, formatInteger, formatInterval } from "../lib/format";
import { Card } from "./Card";
import { ErrorNotice } from "./ErrorNotice";
import { Fact, Facts } from "./Facts";
import { Pending } from "./Pending";

export function ChainCard() {
  const { rpcUrl, pollIntervalMs } = useDmexEnvironment();
  const status = useChainStatus();

  const live = status.isSuccess ? "live" : status.isError ? "down" : "waiting";
  const aside = (
    <span className={`badge badge-${live}`} title={`Read again every ${formatInterval(pollIntervalMs)}`}>
      {live === "live" ? `live · every ${formatInterval(pollIntervalMs)}` : live}
    </span>
  );

  return (
    <Card title="Chain" aside={aside}>
      {status.isError ? (
        <ErrorNotice error={status.error} />
      ) : status.data ? (
        <Facts>
          <Fact label="Chain id">{status.data.chainId}</Fact>
          <Fact label="Latest block">#{formatInteger(status.data.blockNumber)}</Fact>
          <Fact label="Block time">{formatBlockTime(status.data.blockTimestamp)}</Fact>
          <Fact label="RPC endpoint" mono>
            {rpcUrl}
          </Fact>
        </Facts>
      ) : (
        <Pending>Connecting to {rpcUrl}…</Pending>
      )}
    </Card>
  );
}
