import type { ReactNode } from "react";

/** The frame every screen shares, including the one shown when the configuration is unusable. */
export function Page({ children }: { readonly children: ReactNode }) {
  return (
    <div className="page">
      <header className="page-header">
        <h1>DMEX</h1>
        <p className="tagline">Decentralized hashrate marketplace</p>
      </header>
      <main className="cards">{children}</main>
      <footer className="page-footer">
        Read-only unless you connect a wallet. Amounts are exact, rounded toward zero.
      </footer>
    </div>
  );
}
