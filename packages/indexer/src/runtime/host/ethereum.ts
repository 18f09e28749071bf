import type { FunctionFragment } from "ethers";
import { ParamType } from "ethers";
import { readToken, writeBigInt, writeToken, writeTokenArray } from "../asc/convert.js";
import { bytesToHex } from "../bigIntBytes.js";
import { HostError } from "../errors.js";
import { decodeTokens, type EthToken, encodeToken, encodeTokens } from "../ethToken.js";
import { findAbi, type HostEnv, type HostFunctions } from "../scope.js";
import type { SyncChain } from "../syncChain.js";

/** ethabi's `Function::signature()`: `name(inputs):(outputs)`. */
function ethabiSignature(f: FunctionFragment): string {
  return `${f.name}(${f.inputs.map((p) => p.format("sighash")).join(",")}):(${f.outputs
    .map((p) => p.format("sighash"))
    .join(",")})`;
}

/** `ethereum.ethereum.*`. */
export function ethereumImports(env: HostEnv): HostFunctions {
  const chain = (what: string): SyncChain => {
    const c = env.services.chain;
    if (c === null)
      throw new HostError(`${what}: no JSON-RPC endpoint is configured for this runtime`, false);
    return c;
  };
  return {
    "ethereum.call": (ptr: number) => {
      const heap = env.heap();
      const scope = env.scope();
      const contractName = heap.readString(heap.u32(ptr));
      const address = bytesToHex(heap.readBytes(heap.u32(ptr + 4)));
      const functionName = heap.readString(heap.u32(ptr + 8));
      const signaturePtr = heap.u32(ptr + 12);
      const signature = signaturePtr === 0 ? null : heap.readString(signaturePtr);
      const args: EthToken[] = heap.readPointerArray(heap.u32(ptr + 16)).map((p) => readToken(heap, p));
      const abi = findAbi(scope, contractName);
      if (abi === undefined) {
        throw new HostError(
          `Could not find ABI for contract "${contractName}", try adding it to the 'abis' section of the subgraph manifest`,
        );
      }
      const candidates: FunctionFragment[] = [];
      abi.forEachFunction((f) => {
        if (f.name === functionName) candidates.push(f);
      });
      const fn =
        signature === null || signature === ""
          ? candidates[0]
          : candidates.find((f) => ethabiSignature(f) === signature.replace(/\s+/g, ""));
      if (fn === undefined) {
        throw new HostError(
          `Unknown function "${contractName}::${functionName}" with signature \`${signature ?? ""}\` called from WASM runtime`,
        );
      }
      let data: string;
      try {
        data = fn.selector + encodeTokens(fn.inputs, args).slice(2);
      } catch (error) {
        throw new HostError(
          `Failed to encode arguments of ${contractName}.${functionName}: ${(error as Error).message}`,
        );
      }
      const outcome = chain(`ethereum.call ${contractName}.${functionName}`).call(address, data, scope.block);
      if (outcome.kind === "reverted") {
        env.services.logger?.info(
          `Contract call reverted: ${contractName}.${functionName} at ${address}, block ${scope.block.number}: ${outcome.reason}`,
        );
        return 0;
      }
      let tokens: EthToken[];
      try {
        tokens = decodeTokens(fn.outputs, outcome.data);
      } catch {
        // graph-node treats an undecodable answer (e.g. `0x` from an address without code) as a revert.
        return 0;
      }
      return writeTokenArray(heap, tokens);
    },
    "ethereum.getBalance": (ptr: number) => {
      const heap = env.heap();
      const address = bytesToHex(heap.readBytes(ptr));
      return writeBigInt(heap, chain("ethereum.getBalance").getBalance(address, env.scope().block));
    },
    "ethereum.hasCode": (ptr: number) => {
      const heap = env.heap();
      const address = bytesToHex(heap.readBytes(ptr));
      const code = chain("ethereum.hasCode").getCode(address, env.scope().block);
      return heap.newWrappedBool(code !== "0x" && code !== "");
    },
    "ethereum.encode": (ptr: number) => {
      const heap = env.heap();
      try {
        return heap.newBytes(encodeToken(readToken(heap, ptr)));
      } catch {
        return 0;
      }
    },
    "ethereum.decode": (types: number, data: number) => {
      const heap = env.heap();
      const typeText = heap.readString(types);
      let token: EthToken | undefined;
      try {
        const type = ParamType.from(typeText);
        token = decodeTokens([type], bytesToHex(heap.readBytes(data)))[0];
      } catch {
        return 0;
      }
      return token === undefined ? 0 : writeToken(heap, token);
    },
  };
}
