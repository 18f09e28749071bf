import { ChainCard } from "./components/ChainCard";
import { ErrorBoundary } from "./components/ErrorBoundary";
import { GovernanceCard } from "./components/GovernanceCard";
import { Page } from "./components/Page";
import { SubgraphCard } from "./components/SubgraphCard";
import { TokenCard } from "./components/TokenCard";
import { WalletCard } from "./components/WalletCard";

export function App() {
  return (
    <Page>
      <ErrorBoundary>
        <ChainCard />
      </ErrorBoundary>
      <ErrorBoundary>
        <TokenCard />
      </ErrorBoundary>
      <ErrorBoundary>
        <SubgraphCard />
      </ErrorBoundary>
      <ErrorBoundary>
        <GovernanceCard />
      </ErrorBoundary>
      <ErrorBoundary>
        <WalletCard />
      </ErrorBoundary>
    </Page>
  );
}
