import { type CallExceptionError, dataSlice, Interface, isCallException, isHexString } from "ethers";

import { ContractRevertError } from "./errors.js";
import {
  BridgedToken__factory,
  DmcToken__factory,
  DmexGovernor__factory,
  DmexTimelock__factory,
  HashrateCertificate__factory,
  Marketplace__factory,
  MinerRegistry__factory,
  RiskControlVault__factory,
  SafeL2__factory,
  YieldOracle__factory,
} from "./generated/typechain/index.js";
import { describeRevert, type RevertContext } from "./revert-messages.js";

/** An ABI to decode revert data with: an ethers `Interface` or a contract (typed binding) that has one. */
export type RevertSource = Interface | { readonly interface: Interface };

/**
 * ABIs to decode with, by contract name. The first whose ABI declares the error names it in
 * {@link ContractRevertError.contract}, so put the contract that was called first.
 */
export type RevertSources = Readonly<Record<string, RevertSource>>;

/**
 * The ABIs of every DMEX contract the SDK binds: the default of {@link decodeRevert}. `BridgedToken` (the
 * demo USDC and the bridged yield tokens) comes after `DmcToken`, so that a bare ERC-20 error is attributed
 * to DMC unless the helper that called a payment or yield token puts that token first.
 */
export const DMEX_REVERT_SOURCES: RevertSources = {
  DmexGovernor: DmexGovernor__factory.createInterface(),
  DmexTimelock: DmexTimelock__factory.createInterface(),
  MinerRegistry: MinerRegistry__factory.createInterface(),
  DmcToken: DmcToken__factory.createInterface(),
  Council: SafeL2__factory.createInterface(),
  RiskControlVault: RiskControlVault__factory.createInterface(),
  HashrateCertificate: HashrateCertificate__factory.createInterface(),
  Marketplace: Marketplace__factory.createInterface(),
  YieldOracle: YieldOracle__factory.createInterface(),
  BridgedToken: BridgedToken__factory.createInterface(),
};

const BUILTIN_ERRORS: Readonly<Record<string, string>> = {
  "0x08c379a0": "Error",
  "0x4e487b71": "Panic",
};
const BUILTIN_INTERFACE = new Interface(["error Error(string)", "error Panic(uint256)"]);

/**
 * Turns a revert (an ethers `CALL_EXCEPTION` from a transaction, `estimateGas` or a call) into a
 * {@link ContractRevertError} with the Solidity error's name, arguments, the contract that declares it
 * and a readable message, e.g. "You have 1,000 DMC of votes; proposing needs 100,000 DMC". Errors raised
 * by a contract the call went through (a registry error bubbling up through the timelock and the
 * Governor) decode too, as long as one of `sources` declares them. Returns `undefined` for anything that
 * is not a revert (network failure, rejected signature, …), so that callers rethrow those unchanged.
 * Every write helper of the SDK already throws the decoded error. `context.token` formats the amounts of
 * `ERC20…` errors in that token (DMC by default).
 *
 * @example
 * ```ts
 * try {
 *   await minerRegistry.stake.estimateGas(amount);
 * } catch (error) {
 *   const revert = decodeRevert(error);
 *   if (revert?.errorName === "MinerRegistry_ApprovalExpired") showMessage(revert.message);
 *   else throw revert ?? error;
 * }
 * ```
 */
export function decodeRevert(
  error: unknown,
  sources: RevertSources = DMEX_REVERT_SOURCES,
  context: RevertContext = {},
): ContractRevertError | undefined {
  if (error instanceof ContractRevertError) return error;
  const exception = findCallException(error, 3);
  if (!exception) return undefined;

  const data = revertData(exception);
  if (data === null) {
    const where = exception.receipt ? `The transaction ${exception.receipt.hash}` : "The call";
    return new ContractRevertError(
      {
        errorName: "unknown",
        args: [],
        contract: undefined,
        data: null,
        message: `${where} reverted without a reason`,
      },
      { cause: error },
    );
  }

  const selector = dataSlice(data, 0, 4).toLowerCase();
  const builtin = BUILTIN_ERRORS[selector];
  const decoded = builtin
    ? { errorName: builtin, args: decodeArgs(BUILTIN_INTERFACE, data), contract: undefined }
    : decodeCustom(data, sources);
  if (!decoded || decoded.args === undefined) {
    return new ContractRevertError(
      {
        errorName: selector,
        args: [],
        contract: undefined,
        data,
        message: `The contract reverted with an error no known ABI declares (selector ${selector})`,
      },
      { cause: error },
    );
  }
  return new ContractRevertError(
    {
      errorName: decoded.errorName,
      args: decoded.args,
      contract: decoded.contract,
      data,
      message: describeRevert(decoded.errorName, decoded.args, { ...context, contract: decoded.contract }),
    },
    { cause: error },
  );
}

function decodeCustom(
  data: string,
  sources: RevertSources,
): { errorName: string; args: unknown[] | undefined; contract: string } | undefined {
  for (const [contract, source] of Object.entries(sources)) {
    const iface = source instanceof Interface ? source : source.interface;
    const fragment = iface.getError(dataSlice(data, 0, 4));
    if (!fragment) continue;
    return { errorName: fragment.name, args: decodeArgs(iface, data), contract };
  }
  return undefined;
}

/** The error's arguments as plain (nested) arrays; `undefined` when the data does not match the ABI. */
function decodeArgs(iface: Interface, data: string): unknown[] | undefined {
  try {
    const description = iface.parseError(data);
    return description ? (description.args.toArray(true) as unknown[]) : undefined;
  } catch {
    return undefined;
  }
}

/** The CALL_EXCEPTION itself, or one that a wrapping error carries (`cause`, `error`, `info.error`). */
function findCallException(error: unknown, depth: number): CallExceptionError | undefined {
  if (isCallException(error)) return error;
  if (depth === 0 || typeof error !== "object" || error === null) return undefined;
  for (const inner of nestedErrors(error)) {
    const found = findCallException(inner, depth - 1);
    if (found) return found;
  }
  return undefined;
}

/** Revert data: the exception's own, else what the node's JSON-RPC error carried. */
function revertData(exception: CallExceptionError): string | null {
  if (isRevertData(exception.data)) return exception.data;
  const pending: unknown[] = nestedErrors(exception);
  for (let depth = 0; depth < 3 && pending.length > 0; depth++) {
    const level = pending.splice(0);
    for (const inner of level) {
      if (typeof inner !== "object" || inner === null) continue;
      const data: unknown = Reflect.get(inner, "data");
      if (isRevertData(data)) return data;
      pending.push(...nestedErrors(inner));
    }
  }
  return null;
}

function isRevertData(value: unknown): value is string {
  return typeof value === "string" && isHexString(value) && value.length >= 10;
}

function nestedErrors(error: object): unknown[] {
  const info: unknown = Reflect.get(error, "info");
  const infoError = typeof info === "object" && info !== null ? Reflect.get(info, "error") : undefined;
  return [Reflect.get(error, "cause"), Reflect.get(error, "error"), infoError].filter(
    (inner) => inner !== undefined,
  );
}
