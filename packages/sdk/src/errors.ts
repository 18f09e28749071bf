/** Machine-readable reasons for {@link DmexError}. */
export type DmexErrorCode =
  | "UNSUPPORTED_CHAIN"
  | "CHAIN_UNAVAILABLE"
  | "CHAIN_MISMATCH"
  | "CONTRACT_NOT_DEPLOYED"
  | "INVALID_AMOUNT"
  | "INVALID_DEPLOYMENT"
  | "INVALID_PROPOSAL"
  | "SIGNER_REQUIRED"
  | "UNEXPECTED_RESPONSE"
  | "INSUFFICIENT_BALANCE"
  | "CONTRACT_REVERT"
  | "SUBGRAPH_UNAVAILABLE"
  | "SUBGRAPH_QUERY"
  | "INVALID_PAGE"
  | "INVALID_ADDRESS";

/** Base class of every error the SDK throws on purpose; `code` tells them apart without instanceof. */
export class DmexError extends Error {
  readonly code: DmexErrorCode;

  constructor(code: DmexErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** No DMEX deployment is known for the chain. */
export class UnsupportedChainError extends DmexError {
  readonly chainId: number;
  readonly knownChainIds: readonly number[];

  constructor(chainId: number, knownChainIds: readonly number[]) {
    const known = knownChainIds.length > 0 ? knownChainIds.join(", ") : "none";
    super("UNSUPPORTED_CHAIN", `DMEX is not deployed on chain ${chainId} (deployed on: ${known})`);
    this.chainId = chainId;
    this.knownChainIds = knownChainIds;
  }
}

/** The JSON-RPC endpoint did not answer. */
export class ChainUnavailableError extends DmexError {
  readonly url: string;

  constructor(url: string, cause: unknown) {
    super("CHAIN_UNAVAILABLE", `The chain at ${url} is not reachable. Is the node running?`, { cause });
    this.url = url;
  }
}

/** A token amount string could not be parsed. */
export class InvalidAmountError extends DmexError {
  readonly input: string;

  constructor(input: string, decimals: number) {
    super("INVALID_AMOUNT", `"${input}" is not an amount with at most ${decimals} decimals`);
    this.input = input;
  }
}

/** A deployment record is incomplete or malformed. */
export class InvalidDeploymentError extends DmexError {
  readonly field: string;

  constructor(field: string) {
    super("INVALID_DEPLOYMENT", `Invalid deployment record: ${field} is missing or malformed`);
    this.field = field;
  }
}

/** The node runs another chain than the one the caller expects. */
export class ChainMismatchError extends DmexError {
  readonly url: string;
  readonly expectedChainId: number;
  readonly actualChainId: number;

  constructor(url: string, expectedChainId: number, actualChainId: number) {
    super(
      "CHAIN_MISMATCH",
      `The node at ${url} is chain ${actualChainId}, but chain ${expectedChainId} was expected`,
    );
    this.url = url;
    this.expectedChainId = expectedChainId;
    this.actualChainId = actualChainId;
  }
}

/** No contract code at a deployment's address: the chain was reset since the addresses were recorded. */
export class ContractNotDeployedError extends DmexError {
  readonly contractName: string;
  readonly address: string;

  constructor(contractName: string, address: string, options?: { cause?: unknown }) {
    super("CONTRACT_NOT_DEPLOYED", `No ${contractName} contract at ${address} on this chain`, options);
    this.contractName = contractName;
    this.address = address;
  }
}

/** A proposal cannot be built as given (OpenZeppelin's Governor would refuse it). */
export class InvalidProposalError extends DmexError {
  constructor(reason: string) {
    super("INVALID_PROPOSAL", `Invalid proposal: ${reason}`);
  }
}

/** An account given to a helper is not a usable address (malformed, or the zero address where it burns). */
export class InvalidAddressError extends DmexError {
  readonly input: string;

  constructor(what: string, input: string) {
    super(
      "INVALID_ADDRESS",
      `${what} must be a 0x-prefixed 20-byte address other than the zero address, got "${input}"`,
    );
    this.input = input;
  }
}

/** A helper that sends transactions was given a contract bound to a provider instead of a signer. */
export class SignerRequiredError extends DmexError {
  readonly action: string;

  constructor(action: string) {
    super(
      "SIGNER_REQUIRED",
      `${action} sends a transaction: connect the contract to a signer, not a provider`,
    );
    this.action = action;
  }
}

/**
 * A contract (or the subgraph, when `source` says so) answered with a value the SDK does not know (e.g. an
 * enum member added by a newer contract, a BigInt field that is not a decimal integer).
 */
export class UnexpectedResponseError extends DmexError {
  readonly value: unknown;

  constructor(what: string, value: unknown, source = "the contract") {
    super("UNEXPECTED_RESPONSE", `Unexpected ${what} from ${source}: ${String(value)}`);
    this.value = value;
  }
}

/**
 * The subgraph's GraphQL endpoint did not answer with a GraphQL response: the connection failed or timed
 * out, or the server answered with an HTTP error (`status`) or something that is not GraphQL.
 */
export class SubgraphUnavailableError extends DmexError {
  readonly url: string;
  /** The HTTP status, when the server answered at all. */
  readonly status: number | undefined;

  constructor(url: string, reason: string, options?: { cause?: unknown; status?: number }) {
    super(
      "SUBGRAPH_UNAVAILABLE",
      `The subgraph at ${url} is not reachable (${reason}). Is the indexer running?`,
      options?.cause === undefined ? undefined : { cause: options.cause },
    );
    this.url = url;
    this.status = options?.status;
  }
}

/** One error of a GraphQL response (the GraphQL spec's shape; `path` and `locations` when the server gives them). */
export interface GraphQLErrorDetail {
  readonly message: string;
  readonly locations?: readonly { readonly line: number; readonly column: number }[];
  readonly path?: readonly (string | number)[];
  readonly extensions?: Readonly<Record<string, unknown>>;
}

/**
 * The subgraph answered, with GraphQL errors: the query does not fit the deployed schema (an older or newer
 * subgraph), a `skip` or `first` beyond the server's limits, a block not indexed yet, a failed subgraph.
 * `data` is whatever partial data came with the errors (null when none).
 */
export class SubgraphQueryError extends DmexError {
  readonly url: string;
  readonly errors: readonly GraphQLErrorDetail[];
  readonly data: unknown;

  constructor(url: string, errors: readonly GraphQLErrorDetail[], data: unknown) {
    const first = errors[0]?.message ?? "no error message";
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : "";
    super("SUBGRAPH_QUERY", `The subgraph at ${url} refused the query: ${first}${more}`);
    this.url = url;
    this.errors = errors;
    this.data = data;
  }
}

/** A page request the subgraph would refuse or that cannot mean anything (`first` 0 or above 1,000, ...). */
export class InvalidPageError extends DmexError {
  constructor(reason: string) {
    super("INVALID_PAGE", `Invalid page request: ${reason}`);
  }
}

/**
 * An account holds less of a token than a helper is about to pay from it; thrown before any transaction
 * (an approval included) is sent. Amounts are in the token's smallest unit.
 */
export class InsufficientBalanceError extends DmexError {
  readonly token: string;
  readonly account: string;
  readonly balance: bigint;
  readonly needed: bigint;

  constructor(details: {
    readonly token: string;
    readonly account: string;
    readonly balance: bigint;
    readonly needed: bigint;
    /** e.g. "0x… has 1.5 IFIL; this deposit needs 2 IFIL". */
    readonly message: string;
  }) {
    super("INSUFFICIENT_BALANCE", details.message);
    this.token = details.token;
    this.account = details.account;
    this.balance = details.balance;
    this.needed = details.needed;
  }
}

/**
 * A call or transaction reverted. `errorName` is the Solidity error (`"Error"` for a `require` message,
 * `"Panic"` for an assertion or arithmetic failure, the 4-byte selector for an error no known ABI declares,
 * `"unknown"` when the node returned no revert data); `args` are its decoded arguments; `contract` names
 * the contract whose ABI declares the error (undefined for `Error`, `Panic` and unknown errors). The message
 * is written for the person who sent the transaction.
 */
export class ContractRevertError extends DmexError {
  readonly errorName: string;
  readonly args: readonly unknown[];
  readonly contract: string | undefined;
  /** The raw revert data, `null` when the node returned none. */
  readonly data: string | null;

  constructor(
    details: {
      readonly errorName: string;
      readonly args: readonly unknown[];
      readonly contract: string | undefined;
      readonly data: string | null;
      readonly message: string;
    },
    options?: { cause?: unknown },
  ) {
    super("CONTRACT_REVERT", details.message, options);
    this.errorName = details.errorName;
    this.args = details.args;
    this.contract = details.contract;
    this.data = details.data;
  }
}
