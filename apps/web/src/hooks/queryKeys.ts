/** Cache keys in one place, so hooks that share an entry cannot drift apart. */
export const queryKeys = {
  chainStatus: (rpcUrl: string) => ["chainStatus", rpcUrl] as const,
  tokenInfo: (rpcUrl: string, chainId: number) => ["tokenInfo", rpcUrl, chainId] as const,
  protocolOverview: (rpcUrl: string, chainId: number) => ["protocolOverview", rpcUrl, chainId] as const,
  accountBalance: (rpcUrl: string, chainId: number, account: string) =>
    ["accountBalance", rpcUrl, chainId, account] as const,
  wallets: ["wallets"] as const,
};
