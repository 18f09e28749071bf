// The tests' JSON-RPC provider on anvil: the SDK tests' AnvilProvider, whose sends return once the transaction
// is mined (ethers' `wait()` alone can hang on anvil) and whose gas estimates carry the SDK's margin, since a DMC
// transfer mined a second after it was estimated can write new vote checkpoints (see @dmex/testing's AnvilProvider).
export { testProvider } from "@dmex/sdk-test/localChain";
