import type { WalletDetail } from "../lib/eip6963";
import { WalletIcon } from "./WalletIcon";

interface WalletListProps {
  readonly wallets: readonly WalletDetail[];
  /** The wallet whose prompt is open; every button waits meanwhile so only one prompt is ever open. */
  readonly connecting: WalletDetail | undefined;
  readonly onConnect: (wallet: WalletDetail) => void;
}

export function WalletList({ wallets, connecting, onConnect }: WalletListProps) {
  return (
    <ul className="wallets" aria-label="Browser wallets">
      {wallets.map((wallet) => (
        <li key={wallet.info.uuid} className="wallet">
          <WalletIcon info={wallet.info} />
          <span className="wallet-text">
            <span className="wallet-name">{wallet.info.name}</span>
            <span className="wallet-rdns">{wallet.info.rdns}</span>
          </span>
          <button
            type="button"
            className="button"
            onClick={() => onConnect(wallet)}
            disabled={connecting !== undefined}
            aria-label={`Connect ${wallet.info.name}`}
          >
            {connecting === wallet ? "Connecting…" : "Connect"}
          </button>
        </li>
      ))}
    </ul>
  );
}
