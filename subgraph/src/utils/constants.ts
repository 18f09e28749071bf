// Constants shared by the mappings (AssemblyScript, compiled by `graph build`).
import { Address, BigInt, Bytes } from "@graphprotocol/graph-ts";

export const ZERO_ADDRESS = Address.zero();
export const BI_ZERO = BigInt.zero();
export const BI_ONE = BigInt.fromI32(1);
export const SECONDS_PER_DAY = BigInt.fromI32(86_400);
/** Id of the one Protocol entity. */
export const PROTOCOL_ID = Bytes.fromUTF8("dmex");

// DmcToken's metadata is fixed in its constructor (ERC20("DMEX Coin", "DMC"), 18 decimals), so the
// mappings do not spend an eth_call on it.
export const TOKEN_NAME = "DMEX Coin";
export const TOKEN_SYMBOL = "DMC";
export const TOKEN_DECIMALS = 18;

/** IDmcToken.AllocationKind, by its uint8 value, as the schema's AllocationKind enum values. */
export const ALLOCATION_KINDS: string[] = ["REWARDS", "INSURANCE", "TREASURY", "VESTING"];
