import type { TokenInfo } from "@dmex/sdk";
import {
  DmcToken__factory,
  DmexGovernor__factory,
  DmexTimelock__factory,
  getDeployment,
  MinerRegistry__factory,
  SafeL2__factory,
  YieldOracle__factory,
} from "@dmex/sdk";
import type { JsonRpcPayload, JsonRpcResult } from "ethers";
import {
  getAddress,
  type Interface,
  JsonRpcProvider,
  Network,
  toQuantity,
  ZeroAddress,
  ZeroHash,
} from "ethers";

const tokenInterface = DmcToken__factory.createInterface();

/** One registry coin as the fake answers `coin(id)`, `isCoinActive(id)` and the oracle's `latestFinalDay(id)`. */
export interface FakeCoin {
  name: string;
  unitName: string;
  unitSize: bigint;
  yieldToken: string;
  displayDecimals: number;
  active: boolean;
  latestFinalDay: number;
}

/** Governor, timelock, council, registry and oracle settings, at the addresses the SDK records. */
export interface FakeProtocol {
  votingDelay: bigint;
  votingPeriod: bigint;
  proposalThreshold: bigint;
  quorumNumerator: bigint;
  quorumDenominator: bigint;
  lateQuorumVoteExtension: bigint;
  timelockDelay: bigint;
  councilThreshold: bigint;
  councilOwners: string[];
  approvalWindow: bigint;
  unbondingPeriod: bigint;
  coins: FakeCoin[];
  reporterCount: bigint;
  oracleQuorum: number;
}

/**
 * Deliberately unlike the local deploy (other delays, threshold, quorum, council, coins) so that a page
 * that printed the deploy's constants instead of what the chain said would fail. The token has 6
 * decimals here, so the threshold is 250,000 FDMC.
 */
export function createFakeProtocol(overrides: Partial<FakeProtocol> = {}): FakeProtocol {
  return {
    votingDelay: 7_200n, // 2 h
    votingPeriod: 108_000n, // 1 day 6 h
    proposalThreshold: 250_000_000_000n,
    quorumNumerator: 15n,
    quorumDenominator: 1_000n, // 1.5%
    lateQuorumVoteExtension: 3_600n,
    timelockDelay: 172_800n, // 2 days
    councilThreshold: 3n,
    councilOwners: [
      "0x1111111111111111111111111111111111111111",
      "0x2222222222222222222222222222222222222222",
      "0x3333333333333333333333333333333333333333",
      "0x4444444444444444444444444444444444444444",
      "0x5555555555555555555555555555555555555555",
    ],
    approvalWindow: 1_209_600n, // 14 days
    unbondingPeriod: 259_200n, // 3 days
    coins: [
      {
        name: "Kaspa",
        unitName: "GH/s",
        unitSize: 1n,
        yieldToken: "0xabCDeF0123456789AbcdEf0123456789aBCDEF01",
        displayDecimals: 8,
        active: true,
        latestFinalDay: 20_777, // 2026-11-20
      },
      {
        name: "Aleo",
        unitName: "MH/s",
        unitSize: 10n,
        yieldToken: "0x9876543210FeDcba9876543210FEdCba98765432",
        displayDecimals: 6,
        active: false,
        latestFinalDay: 0,
      },
    ],
    reporterCount: 5n,
    oracleQuorum: 3,
    ...overrides,
  };
}

const protocolContracts = (() => {
  const contracts = getDeployment(31337).contracts;
  const coinOf = (protocol: FakeProtocol, id: unknown): FakeCoin => {
    const coin = protocol.coins[Number(id) - 1];
    if (!coin) throw new RpcError(-32000, "execution reverted");
    return coin;
  };
  type Answers = Record<string, (protocol: FakeProtocol, args: readonly unknown[]) => unknown>;
  const table: [string, { readonly interface: Interface }, Answers][] = [
    [
      contracts.DmexGovernor.address,
      { interface: DmexGovernor__factory.createInterface() },
      {
        votingDelay: (p) => p.votingDelay,
        votingPeriod: (p) => p.votingPeriod,
        proposalThreshold: (p) => p.proposalThreshold,
        quorumNumerator: (p) => p.quorumNumerator,
        quorumDenominator: (p) => p.quorumDenominator,
        lateQuorumVoteExtension: (p) => p.lateQuorumVoteExtension,
      },
    ],
    [
      contracts.DmexTimelock.address,
      { interface: DmexTimelock__factory.createInterface() },
      { getMinDelay: (p) => p.timelockDelay },
    ],
    [
      contracts.Council.address,
      { interface: SafeL2__factory.createInterface() },
      { getThreshold: (p) => p.councilThreshold, getOwners: (p) => p.councilOwners },
    ],
    [
      contracts.MinerRegistry.address,
      { interface: MinerRegistry__factory.createInterface() },
      {
        approvalWindow: (p) => p.approvalWindow,
        unbondingPeriod: (p) => p.unbondingPeriod,
        coinCount: (p) => BigInt(p.coins.length),
        coin: (p, [id]) => {
          const { name, unitName, unitSize, yieldToken, displayDecimals } = coinOf(p, id);
          return [name, unitName, unitSize, yieldToken, displayDecimals];
        },
        isCoinActive: (p, [id]) => coinOf(p, id).active,
      },
    ],
    [
      contracts.YieldOracle.address,
      { interface: YieldOracle__factory.createInterface() },
      {
        reporterCount: (p) => p.reporterCount,
        quorum: (p) => p.oracleQuorum,
        latestFinalDay: (p, [id]) => coinOf(p, id).latestFinalDay,
      },
    ],
  ];
  return new Map(
    table.map(([address, contract, answers]) => [address.toLowerCase(), { ...contract, answers }]),
  );
})();

/** A node in memory: just enough JSON-RPC for the page, with DMC deployed where the SDK records it. */
export interface FakeChain {
  chainId: number;
  blockNumber: number;
  blockTimestamp: number;
  /** Where eth_call finds the token; any other address has no code, as on a fresh node. */
  tokenAddress: string;
  token: Omit<TokenInfo, "address">;
  balances: Map<string, bigint>;
  votes: Map<string, bigint>;
  delegates: Map<string, string>;
  /** Governance, registry and oracle settings; see {@link createFakeProtocol}. */
  protocol: FakeProtocol;
  /** While false every request fails the way a refused connection does. */
  reachable: boolean;
  /** Methods received, in order, to check what the page asked for. */
  readonly requests: string[];
}

export function createFakeChain(overrides: Partial<FakeChain> = {}): FakeChain {
  return {
    chainId: 31337,
    blockNumber: 7,
    blockTimestamp: 1_763_703_552,
    tokenAddress: getDeployment(31337).contracts.DmcToken.address,
    // Deliberately unlike the real DMC (other name, symbol and decimals) so that a page that printed
    // constants instead of what the chain said would fail.
    token: { name: "Fake DMEX Coin", symbol: "FDMC", decimals: 6, totalSupply: 1_234_567_890_000n },
    balances: new Map(),
    votes: new Map(),
    delegates: new Map(),
    protocol: createFakeProtocol(),
    reachable: true,
    requests: [],
    ...overrides,
  };
}

/** JSON-RPC error with a code, as a node or a wallet reports it. */
export class RpcError extends Error {
  readonly code: number;
  constructor(code: number, message: string) {
    super(message);
    this.code = code;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

function answerCall(chain: FakeChain, call: unknown): string {
  if (!isRecord(call) || typeof call.to !== "string" || typeof call.data !== "string") {
    throw new RpcError(-32602, "invalid eth_call");
  }
  const contract = protocolContracts.get(call.to.toLowerCase());
  if (contract) {
    const parsed = contract.interface.parseTransaction({ data: call.data });
    if (!parsed) throw new RpcError(-32000, "execution reverted");
    const value = contract.answers[parsed.name];
    if (!value) throw new RpcError(-32000, `the fake chain does not implement ${parsed.name}`);
    return contract.interface.encodeFunctionResult(parsed.fragment, [value(chain.protocol, parsed.args)]);
  }
  if (call.to.toLowerCase() !== chain.tokenAddress.toLowerCase()) return "0x";
  const parsed = tokenInterface.parseTransaction({ data: call.data });
  if (!parsed) throw new RpcError(-32000, "execution reverted");
  const account = (): string => getAddress(String(parsed.args[0]));
  const values: Record<string, () => unknown> = {
    name: () => chain.token.name,
    symbol: () => chain.token.symbol,
    decimals: () => chain.token.decimals,
    totalSupply: () => chain.token.totalSupply,
    balanceOf: () => chain.balances.get(account()) ?? 0n,
    getVotes: () => chain.votes.get(account()) ?? 0n,
    delegates: () => chain.delegates.get(account()) ?? ZeroAddress,
  };
  const value = values[parsed.name];
  if (!value) throw new RpcError(-32000, `the fake chain does not implement ${parsed.name}`);
  return tokenInterface.encodeFunctionResult(parsed.fragment, [value()]);
}

function latestBlock(chain: FakeChain) {
  return {
    number: toQuantity(chain.blockNumber),
    hash: `0x${chain.blockNumber.toString(16).padStart(64, "0")}`,
    parentHash: ZeroHash,
    timestamp: toQuantity(chain.blockTimestamp),
    nonce: "0x0000000000000000",
    difficulty: "0x0",
    gasLimit: toQuantity(30_000_000),
    gasUsed: "0x0",
    miner: ZeroAddress,
    extraData: "0x",
    baseFeePerGas: toQuantity(1_000_000_000),
    transactions: [],
  };
}

/** Answers one JSON-RPC request against `chain`; throws RpcError for anything the page should not ask. */
export function answer(chain: FakeChain, method: string, params: readonly unknown[]): unknown {
  chain.requests.push(method);
  if (!chain.reachable) {
    throw Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:8545"), { code: "ECONNREFUSED" });
  }
  switch (method) {
    case "eth_chainId":
      return toQuantity(chain.chainId);
    case "eth_blockNumber":
      return toQuantity(chain.blockNumber);
    case "eth_getBlockByNumber":
      return latestBlock(chain);
    case "eth_call":
      return answerCall(chain, params[0]);
    default:
      throw new RpcError(-32601, `the fake chain does not implement ${method}`);
  }
}

/**
 * What createReadProvider builds, with the HTTP transport replaced by {@link answer}. Everything above
 * the transport (ethers' request handling and ABI decoding, the SDK) is the real code.
 */
export class FakeChainProvider extends JsonRpcProvider {
  readonly #chain: FakeChain;

  constructor(chain: FakeChain, url = "http://fake-node.test:8545", pinnedChainId = chain.chainId) {
    const network = Network.from(pinnedChainId);
    super(url, network, { staticNetwork: network, batchMaxCount: 1, cacheTimeout: -1 });
    this.#chain = chain;
  }

  override async _send(payload: JsonRpcPayload | JsonRpcPayload[]): Promise<JsonRpcResult[]> {
    const payloads = Array.isArray(payload) ? payload : [payload];
    return payloads.map(({ id, method, params }) => ({
      id,
      result: answer(this.#chain, method, Array.isArray(params) ? params : []),
    }));
  }
}
