import { ChainUnavailableError, formatAmount } from "@dmex/sdk";
import { ZeroAddress } from "ethers";

import { useDmexEnvironment } from "../DmexEnvironment";
import { useAccountBalance } from "../hooks/useAccountBalance";
import { useTokenInfo } from "../hooks/useTokenInfo";
import type { WalletConnection } from "../lib/connectWallet";
import { describeError } from "../lib/describeError";
import { Fact, Facts } from "./Facts";
import { WalletIcon } from "./WalletIcon";

interface ConnectedAccountProps {
  readonly connection: WalletConnection;
  readonly onDisconnect: () => void;
}

/** Short text for a failed read: the token and chain cards carry the full explanation. */
function unavailable(error: unknown): string {
  return error instanceof ChainUnavailableError
    ? "unavailable while the chain is down"
    : describeError(error).title;
}

export function ConnectedAccount({ connection, onDisconnect }: ConnectedAccountProps) {
  const { chainId } = useDmexEnvironment();
  const token = useTokenInfo();
  const votes = useAccountBalance(connection.account);

  const amount = (select: (v: { balance: bigint; votes: bigint }) => bigint) => {
    const error = votes.error ?? token.error;
    if (error) return unavailable(error);
    if (!votes.data || !token.data) return "reading…";
    return formatAmount(select(votes.data), token.data.decimals, token.data.symbol);
  };
  const delegate = votes.data?.delegate;

  return (
    <div className="connected">
      <Facts>
        <Fact label="Wallet">
          <span className="inline-wallet">
            <WalletIcon info={connection.wallet.info} />
            {connection.wallet.info.name}
          </span>
        </Fact>
        <Fact label="Account" mono>
          {connection.account}
        </Fact>
        <Fact label="Wallet chain id">
          {connection.chainId}
          {connection.chainId !== chainId ? (
            <span className="warning">
              {" "}
              (this page reads chain {chainId}; switch the wallet before signing)
            </span>
          ) : null}
        </Fact>
        <Fact label="Balance">{amount((v) => v.balance)}</Fact>
        <Fact label="Voting power">{amount((v) => v.votes)}</Fact>
        <Fact label="Delegate" mono={delegate !== undefined && delegate !== ZeroAddress}>
          {delegate === undefined
            ? "reading…"
            : delegate === ZeroAddress
              ? "none (votes count once delegated)"
              : delegate}
        </Fact>
      </Facts>
      <button type="button" className="button button-quiet" onClick={onDisconnect}>
        Disconnect
      </button>
    </div>
  );
}
