import { useDmexEnvironment } from "../DmexEnvironment";
import { useWalletConnection } from "../hooks/useWalletConnection";
import { useWallets } from "../hooks/useWallets";
import { Card } from "./Card";
import { ConnectedAccount } from "./ConnectedAccount";
import { ErrorNotice } from "./ErrorNotice";
import { Pending } from "./Pending";
import { WalletList } from "./WalletList";

export function WalletCard() {
  const { rpcUrl } = useDmexEnvironment();
  const wallets = useWallets();
  const { connection, connect, connecting, error, disconnect } = useWalletConnection();

  const badge = connection ? "connected" : "read-only";
  return (
    <Card title="Wallet" aside={<span className={`badge badge-${badge}`}>{badge}</span>}>
      {connection ? (
        <ConnectedAccount connection={connection} onDisconnect={disconnect} />
      ) : wallets.data === undefined ? (
        <Pending>Looking for browser wallets…</Pending>
      ) : wallets.data.length === 0 ? (
        <p className="muted" role="note">
          No browser wallet found, so this page is read-only: it reads the chain through {rpcUrl} and cannot
          sign anything. To connect an account, install a wallet extension that supports EIP-6963 (MetaMask,
          Rabby, Coinbase Wallet…) and reload.
        </p>
      ) : (
        <>
          <p className="muted">Read-only until you connect an account. Wallets found in this browser:</p>
          <WalletList wallets={wallets.data} connecting={connecting} onConnect={connect} />
        </>
      )}
      {error && !connection ? <ErrorNotice error={error} /> : null}
    </Card>
  );
}
