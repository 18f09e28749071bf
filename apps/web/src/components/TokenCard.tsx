import { ChainUnavailableError, formatAmount } from "@dmex/sdk";

import { useTokenInfo } from "../hooks/useTokenInfo";
import { formatInteger } from "../lib/format";
import { Card } from "./Card";
import { ErrorNotice } from "./ErrorNotice";
import { Fact, Facts } from "./Facts";
import { Pending } from "./Pending";

export function TokenCard() {
  const token = useTokenInfo();

  return (
    <Card title="Governance token">
      {token.error instanceof ChainUnavailableError ? (
        // The chain card already explains the outage; saying it twice would bury everything else.
        <p className="muted">Waiting for the chain to come back.</p>
      ) : token.isError ? (
        <ErrorNotice error={token.error} />
      ) : token.data ? (
        <Facts>
          <Fact label="Name">{token.data.name}</Fact>
          <Fact label="Symbol">{token.data.symbol}</Fact>
          <Fact label="Total supply">
            {formatAmount(token.data.totalSupply, token.data.decimals, token.data.symbol)}
          </Fact>
          <Fact label="Decimals">{formatInteger(token.data.decimals)}</Fact>
          <Fact label="Token address" mono>
            {token.data.address}
          </Fact>
        </Facts>
      ) : (
        <Pending>Reading the token…</Pending>
      )}
    </Card>
  );
}
