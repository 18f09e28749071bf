// The indexer tests' JSON-RPC proxy is @dmex/testing's; this module keeps the path the indexer's tests import.
export { type RpcProxy, startRpcProxy } from "@dmex/testing/rpcProxy";
