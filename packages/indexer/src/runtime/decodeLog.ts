import type { EventFragment, ParamType } from "ethers";
import type { LogInput } from "../types.js";
import { hexToBytes } from "./bigIntBytes.js";
import { decodeTokens, type EthToken } from "./ethToken.js";

export interface EventParamValue {
  readonly name: string;
  readonly value: EthToken;
}

/** Indexed values of these types are stored as their keccak hash, which is all a log holds. */
function isHashedWhenIndexed(type: ParamType): boolean {
  return type.isArray() || type.isTuple() || type.baseType === "string" || type.baseType === "bytes";
}

/**
 * Decodes a log's parameters in ABI order, or returns null when the log does not fit the event (wrong
 * number of topics, undecodable data): graph-node then skips the handler.
 */
export function decodeLog(fragment: EventFragment, log: LogInput): EventParamValue[] | null {
  const indexed = fragment.inputs.filter((p) => p.indexed === true);
  const firstTopic = fragment.anonymous ? 0 : 1;
  if (log.topics.length !== firstTopic + indexed.length) return null;
  const plain = fragment.inputs.filter((p) => p.indexed !== true);
  let plainValues: EthToken[] = [];
  if (plain.length > 0) {
    try {
      plainValues = decodeTokens(plain, log.data);
    } catch {
      return null;
    }
  }
  const out: EventParamValue[] = [];
  let topic = firstTopic;
  let data = 0;
  for (const input of fragment.inputs) {
    let value: EthToken | undefined;
    if (input.indexed === true) {
      const raw = log.topics[topic++] ?? "0x";
      if (isHashedWhenIndexed(input)) value = { kind: "fixedBytes", value: hexToBytes(raw) };
      else {
        try {
          value = decodeTokens([input], raw)[0];
        } catch {
          return null;
        }
      }
    } else {
      value = plainValues[data++];
    }
    if (value === undefined) return null;
    out.push({ name: input.name, value });
  }
  return out;
}
