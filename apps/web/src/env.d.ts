/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** JSON-RPC endpoint the page reads from. */
  readonly VITE_RPC_URL?: string;
  /** Chain id the page expects at that endpoint (decimal). */
  readonly VITE_CHAIN_ID?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
