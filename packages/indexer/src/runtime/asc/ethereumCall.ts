import type { BlockHeader, CallInput, TransactionInput } from "../../types.js";
import type { EthToken } from "../ethToken.js";
import { writeToken } from "./convert.js";
import { type ApiLayout, writeBlock, writeTransaction } from "./ethereumObjects.js";
import type { AscHeap } from "./heap.js";

export interface CallArgs {
  readonly call: CallInput;
  readonly block: BlockHeader;
  readonly transaction: TransactionInput;
  readonly inputs: readonly { readonly name: string; readonly value: EthToken }[];
  readonly outputs: readonly { readonly name: string; readonly value: EthToken }[];
}

function params(heap: AscHeap, list: CallArgs["inputs"]): number {
  return heap.newPointerArray(
    list.map((p) => heap.newObject([heap.newString(p.name), writeToken(heap, p.value)], "EventParam")),
    "ArrayEventParam",
  );
}

/**
 * graph-ts `ethereum.Call`, graph-node's `AscEthereumCall_0_0_3` (every apiVersion from 0.0.3 on): `to`,
 * `from`, `block`, `transaction`, `inputValues`, `outputValues`; the block and transaction in the layout of
 * the mapping's apiVersion (0.0.6 added `baseFeePerGas` and `nonce`).
 */
export function writeCall(heap: AscHeap, c: CallArgs, layout: ApiLayout): number {
  return heap.newObject(
    [
      heap.newBytesFromHex(c.call.to),
      heap.newBytesFromHex(c.call.from),
      writeBlock(heap, c.block, layout),
      writeTransaction(heap, c.transaction, layout),
      params(heap, c.inputs),
      params(heap, c.outputs),
    ],
    "EthereumCall",
  );
}
