// Internal plumbing of the marketplace's helpers: revert sources, the certificate and vault behind a
// marketplace, reverts the SDK detects before sending (so that a call the marketplace would refuse costs no
// approval), the certificate's approval, and paying from the signer's payment token.
import { type ContractTransactionReceipt, makeError } from "ethers";

import { ContractRevertError, DmexError, UnexpectedResponseError } from "../errors.js";
import {
  BridgedToken__factory,
  type HashrateCertificate,
  HashrateCertificate__factory,
  type Marketplace,
  Marketplace__factory,
  type RiskControlVault,
  RiskControlVault__factory,
} from "../generated/typechain/index.js";
import { DMEX_REVERT_SOURCES, decodeRevert, type RevertSources } from "../revert.js";
import { describeRevert, type RevertContext } from "../revert-messages.js";
import { type GasMarginedSend, sendAndWait, withGasMargin } from "../transaction.js";
import { approveIfShort, erc20At, readTokenMeta, type TokenMeta, tokenContext } from "../vault/payment.js";

const MARKET_INTERFACE = Marketplace__factory.createInterface();
const ERC20_INTERFACE = BridgedToken__factory.createInterface();
const MARKET_FIRST: RevertSources = {
  Marketplace: MARKET_INTERFACE,
  // The vault's refusals of a primary sale bubble up through the marketplace.
  RiskControlVault: RiskControlVault__factory.createInterface(),
  HashrateCertificate: HashrateCertificate__factory.createInterface(),
};

/** Largest price, bid or offer the marketplace stores (`uint96`). */
export const MAX_MARKET_PRICE = 2n ** 96n - 1n;

/**
 * Revert sources for a marketplace call: the marketplace first (its pause and AccessControl errors are its
 * own), the vault and the certificate, then `token` under its symbol (so an `ERC20…` error names the
 * payment token), then every other DMEX ABI.
 */
export function marketSources(token?: TokenMeta): RevertSources {
  const erc20 = token ? { [token.symbol]: ERC20_INTERFACE } : {};
  return { ...MARKET_FIRST, ...erc20, ...DMEX_REVERT_SOURCES };
}

/** Words amounts of reverts in `token` when known. */
export function marketContext(token?: TokenMeta): RevertContext {
  return token ? tokenContext(token) : {};
}

/** The certificate and vault a marketplace trades, bound to the marketplace's runner. */
export interface MarketLinks {
  readonly address: string;
  readonly certificate: HashrateCertificate;
  readonly vault: RiskControlVault;
}

const LINKS = new WeakMap<Marketplace, Promise<{ address: string; certificate: string; vault: string }>>();

/** The marketplace's certificate and vault (immutable in the contract: read once per binding). */
export async function marketLinks(marketplace: Marketplace): Promise<MarketLinks> {
  let addresses = LINKS.get(marketplace);
  if (!addresses) {
    addresses = Promise.all([marketplace.getAddress(), marketplace.certificate(), marketplace.vault()]).then(
      ([address, certificate, vault]) => ({ address, certificate, vault }),
    );
    LINKS.set(marketplace, addresses);
    addresses.catch(() => LINKS.delete(marketplace));
  }
  const { address, certificate, vault } = await addresses;
  return {
    address,
    certificate: HashrateCertificate__factory.connect(certificate, marketplace.runner),
    vault: RiskControlVault__factory.connect(vault, marketplace.runner),
  };
}

/**
 * The vault and the marketplace both declare `EnforcedPause()`; a marketplace call that meets the vault's
 * pause (a primary sale recorded while the vault is paused) is attributed to the vault when the
 * marketplace itself is not paused.
 */
async function attributePause(marketplace: Marketplace, error: unknown, context: RevertContext) {
  if (!(error instanceof ContractRevertError) || error.errorName !== "EnforcedPause") return error;
  if (error.contract !== "Marketplace" || (await marketplace.paused().catch(() => true))) return error;
  return new ContractRevertError(
    {
      errorName: error.errorName,
      args: error.args,
      contract: "RiskControlVault",
      data: error.data,
      message: describeRevert("EnforcedPause", [], { ...context, contract: "RiskControlVault" }),
    },
    { cause: error },
  );
}

/** {@link sendAndWait} for a marketplace call, with the vault's pause told apart from the marketplace's. */
export async function sendMarket(
  marketplace: Marketplace,
  send: GasMarginedSend,
  token?: TokenMeta,
): Promise<ContractTransactionReceipt> {
  const context = marketContext(token);
  try {
    return await sendAndWait(send, marketSources(token), context);
  } catch (error) {
    throw await attributePause(marketplace, error, context);
  }
}

/** A marketplace read or simulation whose reverts are thrown as `ContractRevertError`. */
export async function callMarket<T>(
  marketplace: Marketplace,
  call: () => Promise<T>,
  token?: TokenMeta,
): Promise<T> {
  const context = marketContext(token);
  try {
    return await call();
  } catch (error) {
    throw await attributePause(
      marketplace,
      decodeRevert(error, marketSources(token), context) ?? error,
      context,
    );
  }
}

/**
 * The revert the marketplace would raise, built by the SDK where a simulation cannot reach it (before an
 * approval exists): the same `errorName`, `args`, `data` and message as the contract's.
 */
export function marketRevert(
  errorName: string,
  args: readonly unknown[],
  token?: TokenMeta,
): ContractRevertError {
  return new ContractRevertError({
    errorName,
    args,
    contract: "Marketplace",
    data: MARKET_INTERFACE.encodeErrorResult(errorName, args),
    message: describeRevert(errorName, args, { ...marketContext(token), contract: "Marketplace" }),
  });
}

/** A revert reason the contract logged as bytes (`AuctionVoided`), decoded like a thrown revert. */
export function decodeRevertData(data: string, token?: TokenMeta): ContractRevertError {
  const exception = makeError("execution reverted", "CALL_EXCEPTION", {
    action: "call",
    data,
    reason: null,
    transaction: { to: null, data: "0x" },
    invocation: null,
    revert: null,
  });
  const decoded = decodeRevert(exception, marketSources(token), marketContext(token));
  if (!decoded) throw new UnexpectedResponseError("revert reason", data);
  return decoded;
}

/** The chain's time (the latest block's timestamp), which the marketplace compares expiries with. */
export async function chainTime(marketplace: Marketplace): Promise<number> {
  const provider = marketplace.runner?.provider;
  if (!provider) {
    throw new DmexError(
      "CHAIN_UNAVAILABLE",
      "The marketplace binding has no provider to read the chain's time",
    );
  }
  const block = await provider.getBlock("latest");
  if (!block) throw new UnexpectedResponseError("latest block", block);
  return block.timestamp;
}

/** `Marketplace._checkPrice`. */
export function checkPrice(price: bigint, token?: TokenMeta): void {
  if (price === 0n) throw marketRevert("Marketplace_ZeroPrice", [], token);
  if (price > MAX_MARKET_PRICE)
    throw marketRevert("Marketplace_PriceTooLarge", [price, MAX_MARKET_PRICE], token);
}

/** `Marketplace._checkExpiry` against the latest block (the next block's time is at least that). */
export async function checkExpiry(marketplace: Marketplace, expiry: number | bigint): Promise<void> {
  const now = await chainTime(marketplace);
  if (BigInt(expiry) <= BigInt(now))
    throw marketRevert("Marketplace_InvalidExpiry", [BigInt(expiry), BigInt(now)]);
}

/**
 * The check of `Marketplace._requireSellable` that follows the certificate's approval: the payment token is
 * allowlisted. (Only existing certificates trade on listings, auctions and offers; every one of them was sold.)
 */
export async function checkSellable(links: MarketLinks, paymentToken: string): Promise<void> {
  const allowed = await callLinked(() => links.vault.isPaymentToken(paymentToken));
  if (!allowed) throw marketRevert("Marketplace_PaymentTokenNotAllowed", [paymentToken]);
}

/** A read of the vault or the certificate, reverts decoded with the marketplace first. */
export async function callLinked<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw decodeRevert(error, marketSources()) ?? error;
  }
}

/**
 * Lets the marketplace move `tokenId` for `owner` before a call that needs it (listing, auctioning,
 * accepting an offer). Nothing happens when the marketplace is already approved for the certificate or for
 * all the owner's certificates. Otherwise the call is simulated first: a revert other than
 * `Marketplace_NotApproved` is the one the call would meet and is thrown; then `preflight` runs the checks
 * the simulation could not reach; then the owner approves the marketplace for this certificate, or for all
 * its certificates with `approveAll` (one approval for many listings). Returns the approval's receipt.
 */
export async function approveCertificateIfNeeded(options: {
  readonly marketplace: Marketplace;
  readonly links: MarketLinks;
  readonly owner: string;
  readonly tokenId: bigint;
  readonly approveAll: boolean;
  readonly simulate: () => Promise<unknown>;
  readonly preflight: () => Promise<void>;
}): Promise<ContractTransactionReceipt | undefined> {
  const { marketplace, links, owner, tokenId } = options;
  const { certificate, address } = links;
  const [all, approved] = await callLinked(() =>
    Promise.all([certificate.isApprovedForAll(owner, address), certificate.getApproved(tokenId)]),
  );
  if (all || approved.toLowerCase() === address.toLowerCase()) return undefined;
  try {
    await callMarket(marketplace, options.simulate);
  } catch (error) {
    if (!(error instanceof ContractRevertError) || error.errorName !== "Marketplace_NotApproved") throw error;
  }
  await options.preflight();
  const sources = marketSources();
  return options.approveAll
    ? sendAndWait(withGasMargin(certificate.setApprovalForAll, address, true), sources)
    : sendAndWait(withGasMargin(certificate.approve, address, tokenId), sources);
}

/** The payment token of a marketplace call, bound to the marketplace's runner, with its symbol and decimals. */
export async function paymentTokenOf(marketplace: Marketplace, address: string) {
  const token = erc20At(address, marketplace.runner);
  return { token, meta: await readTokenMeta(token) };
}

/**
 * Makes sure the signer (`owner`) can pay `amount` (approving up to `allowance`) of the payment token at
 * `tokenAddress` to the marketplace in the call `simulate` stands for: see `approveIfShort`. `explain`
 * runs when the simulation met only the token's own revert, to throw what the marketplace would refuse
 * after the payment (a primary sale the vault no longer takes).
 */
export async function payFromSigner(options: {
  readonly marketplace: Marketplace;
  readonly owner: string;
  readonly tokenAddress: string;
  readonly amount: bigint;
  readonly allowance?: bigint;
  readonly purpose: string;
  readonly simulate: () => Promise<unknown>;
  readonly explain?: () => Promise<void>;
}): Promise<{ meta: TokenMeta; approval: ContractTransactionReceipt | undefined }> {
  const { marketplace } = options;
  const [{ token, meta }, { address }] = await Promise.all([
    paymentTokenOf(marketplace, options.tokenAddress),
    marketLinks(marketplace),
  ]);
  const approval = await approveIfShort({
    token,
    meta,
    owner: options.owner,
    spender: address,
    amount: options.amount,
    ...(options.allowance === undefined ? {} : { allowance: options.allowance }),
    purpose: options.purpose,
    simulate: async () => {
      try {
        await callMarket(marketplace, options.simulate, meta);
      } catch (error) {
        const name = error instanceof ContractRevertError ? error.errorName : undefined;
        if (name === "ERC20InsufficientAllowance" || name === "ERC20InsufficientBalance")
          await options.explain?.();
        throw error;
      }
    },
    sources: marketSources(meta),
  });
  return { meta, approval };
}
