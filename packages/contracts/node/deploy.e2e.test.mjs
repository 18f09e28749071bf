// A deployment to an anvil started with a public chain id (1): refused with only a deployer key; with every
// role holder given, the role table is shown before anything is sent and the chain holds exactly those roles.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { Contract, getAddress, id, JsonRpcProvider, Wallet } from "ethers";

import { startAnvil } from "./anvil.mjs";
import { deploy } from "./deploy.mjs";

// anvil's account 0 pays for the deployment; it is only the deployer here, which keeps no role.
const DEPLOYER_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
const holder = () => Wallet.createRandom().address;

let anvil;
before(async () => {
  anvil = await startAnvil({ chainId: 1 });
});
after(async () => {
  await anvil?.stop();
});

test("a public-chain deployment with only a deployer key is refused before anything is sent", async () => {
  const provider = new JsonRpcProvider(anvil.url, 1, { staticNetwork: true });
  const nonce = await provider.getTransactionCount(new Wallet(DEPLOYER_KEY).address);
  await assert.rejects(
    deploy({ rpcUrl: anvil.url, privateKey: DEPLOYER_KEY, review: () => true }),
    (error) => {
      for (const name of [
        "DMEX_COUNCIL",
        "DMEX_ORACLE_REPORTERS",
        "DMEX_INSURANCE_RESERVE",
        "DMEX_TEAM_BENEFICIARY",
        "DMEX_INVESTOR_BENEFICIARY",
      ]) {
        assert.match(error.message, new RegExp(`${name} is not set`));
      }
      return true;
    },
  );
  await assert.rejects(
    deploy({
      rpcUrl: anvil.url,
      privateKey: DEPLOYER_KEY,
      env: { DMEX_GOVERNANCE: "local", DMEX_DEMO_COINS: "1", DMEX_REWARDS_RESERVE: holder() },
      review: () => true,
    }),
    /DMEX_REWARDS_RESERVE is local-only[\s\S]*DMEX_GOVERNANCE must be production[\s\S]*DMEX_DEMO_COINS is local-only/,
  );
  assert.equal(await provider.getTransactionCount(new Wallet(DEPLOYER_KEY).address), nonce, "nothing sent");
  provider.destroy();
});

test("with every role holder given it shows the role table first and sets exactly those roles", async () => {
  const council = Array.from({ length: 7 }, () => holder());
  const reporters = Array.from({ length: 3 }, () => holder());
  const insurance = holder();
  const team = holder();
  const investors = holder();
  const env = {
    DMEX_COUNCIL: council.join(","),
    DMEX_ORACLE_REPORTERS: reporters.join(","),
    DMEX_ORACLE_QUORUM: "3",
    DMEX_INSURANCE_RESERVE: insurance,
    DMEX_TEAM_BENEFICIARY: team,
    DMEX_INVESTOR_BENEFICIARY: investors,
  };
  const provider = new JsonRpcProvider(anvil.url, 1, { staticNetwork: true });
  const deployerAddress = new Wallet(DEPLOYER_KEY).address;

  // Refusing the review sends nothing.
  const nonce = await provider.getTransactionCount(deployerAddress);
  await assert.rejects(
    deploy({ rpcUrl: anvil.url, privateKey: DEPLOYER_KEY, env, review: () => false }),
    /not confirmed after review/,
  );
  assert.equal(await provider.getTransactionCount(deployerAddress), nonce, "nothing sent when refused");

  let table = "";
  const deployment = await deploy({
    rpcUrl: anvil.url,
    privateKey: DEPLOYER_KEY,
    env,
    review: async (shown) => {
      table = shown;
      // Reviewed before sending: the chain has no DMEX transaction yet.
      assert.equal(await provider.getTransactionCount(deployerAddress), nonce, "reviewed before sending");
      return true;
    },
  });
  const roles = new Map(
    [...table.matchAll(/^role (.+) (0x[0-9a-fA-F]{40})$/gm)].map(([, name, address]) => [
      name,
      getAddress(address),
    ]),
  );
  console.log(table);

  const at = (name) => deployment.contracts[name].address;
  // The gate, guard and guardian are not in the deployment record: their addresses come from the table,
  // and the checks below find each of them in its place on chain.
  const timelockAddress = at("DmexTimelock");
  const gateAddress = roles.get("councilGate (council proposer, DAO veto)");
  const guardAddress = roles.get("councilGuard (Safe guard, DAO module)");
  const guardianAddress = roles.get("pauseGuardian (bounded council pause)");
  assert.ok(gateAddress && guardAddress && guardianAddress, "gate, guard and guardian in the table");

  // The table names exactly what was given, and the contracts the script created.
  assert.ok(table.includes("governance production"), "production governance");
  assert.equal(roles.get("insuranceReserve"), getAddress(insurance));
  assert.equal(roles.get("vestingBeneficiary0"), getAddress(team));
  assert.equal(roles.get("vestingBeneficiary1"), getAddress(investors));
  assert.equal(roles.get("rewardsReserve"), timelockAddress, "rewards held by the timelock");
  for (const [i, owner] of council.entries()) assert.equal(roles.get(`councilOwner${i}`), getAddress(owner));
  for (const [i, reporter] of reporters.entries()) {
    assert.equal(roles.get(`oracleReporter${i}`), getAddress(reporter));
  }
  assert.equal(roles.get("council (Safe)"), at("Council"));
  assert.equal(roles.get("timelock (treasury, admin of every contract)"), timelockAddress);
  assert.equal(roles.get("governor (proposer, canceller)"), at("DmexGovernor"));
  assert.equal(roles.get("deployer (keeps no role)"), deployerAddress);
  assert.ok(!("DemoUSDC" in deployment.contracts), "no demo token");
  assert.ok(![...roles.keys()].some((name) => name.startsWith("demoUSDC")), "no demo token in the table");

  // And the chain agrees, role by role.
  const c = (name, abi, address = at(name)) => new Contract(address, abi, provider);
  const timelock = c("DmexTimelock", [
    "function hasRole(bytes32,address) view returns (bool)",
    "function getMinDelay() view returns (uint256)",
    "function minDelayFloor() view returns (uint256)",
  ]);
  const role = (text) => (text === "admin" ? `0x${"0".repeat(64)}` : id(text));
  assert.equal(await timelock.hasRole(role("PROPOSER_ROLE"), at("DmexGovernor")), true);
  assert.equal(await timelock.hasRole(role("PROPOSER_ROLE"), gateAddress), true);
  assert.equal(await timelock.hasRole(role("CANCELLER_ROLE"), gateAddress), true);
  assert.equal(await timelock.hasRole(role("PROPOSER_ROLE"), at("Council")), false);
  assert.equal(await timelock.hasRole(role("CANCELLER_ROLE"), at("Council")), false);
  assert.equal(await timelock.hasRole(role("admin"), deployerAddress), false);
  assert.equal(await timelock.hasRole(role("PROPOSER_ROLE"), deployerAddress), false);
  assert.equal(await timelock.getMinDelay(), 2n * 86_400n, "production timelock delay");
  assert.equal(await timelock.minDelayFloor(), 86_400n, "production floor");

  const governor = c("DmexGovernor", [
    "function votingDelay() view returns (uint256)",
    "function votingPeriod() view returns (uint256)",
  ]);
  assert.equal(await governor.votingDelay(), 86_400n);
  assert.equal(await governor.votingPeriod(), 5n * 86_400n);

  const token = c("DmcToken", [
    "function balanceOf(address) view returns (uint256)",
    "function getVotes(address) view returns (uint256)",
  ]);
  const DMC = 10n ** 18n;
  assert.equal(await token.balanceOf(timelockAddress), 65_000_000n * DMC, "rewards 50M + treasury 15M");
  assert.equal(await token.getVotes(timelockAddress), 0n, "the reserve does not vote");
  assert.equal(await token.balanceOf(insurance), 10_000_000n * DMC);

  const safe = c("Council", [
    "function getOwners() view returns (address[])",
    "function getThreshold() view returns (uint256)",
    "function isModuleEnabled(address) view returns (bool)",
    "function getModulesPaginated(address,uint256) view returns (address[],address)",
  ]);
  assert.deepEqual([...(await safe.getOwners())].map(getAddress).sort(), council.map(getAddress).sort());
  assert.equal(await safe.getThreshold(), 4n);
  assert.equal(await safe.isModuleEnabled(guardAddress), true);
  assert.equal(await safe.isModuleEnabled(timelockAddress), false);
  assert.deepEqual(
    [...(await safe.getModulesPaginated("0x0000000000000000000000000000000000000001", 10))[0]],
    [guardAddress],
  );
  // Safe keeps its guard at keccak256("guard_manager.guard.address").
  const guardSlot = "0x4a204f620c8c5ccdca3fd54d003badd85ba500436a431f0cbda4f558c93c34c8";
  assert.equal(
    getAddress(`0x${(await provider.getStorage(at("Council"), guardSlot)).slice(26)}`),
    guardAddress,
  );
  const gate = new Contract(gateAddress, ["function council() view returns (address)"], provider);
  assert.equal(getAddress(await gate.council()), at("Council"));
  const guardian = new Contract(
    guardianAddress,
    ["function council() view returns (address)", "function maxPauseDuration() view returns (uint64)"],
    provider,
  );
  assert.equal(getAddress(await guardian.council()), at("Council"));
  assert.equal(await guardian.maxPauseDuration(), 10n * 86_400n, "production pause bound");

  const oracle = c("YieldOracle", [
    "function owner() view returns (address)",
    "function isReporter(address) view returns (bool)",
    "function quorum() view returns (uint8)",
  ]);
  assert.equal(getAddress(await oracle.owner()), timelockAddress);
  for (const reporter of reporters) assert.equal(await oracle.isReporter(reporter), true);
  assert.equal(await oracle.quorum(), 3n);

  for (const name of ["RiskControlVault", "Marketplace"]) {
    const pausable = c(name, ["function hasRole(bytes32,address) view returns (bool)"]);
    assert.equal(await pausable.hasRole(role("admin"), timelockAddress), true, `${name}: DAO admin`);
    assert.equal(await pausable.hasRole(role("admin"), deployerAddress), false, `${name}: deployer none`);
    assert.equal(await pausable.hasRole(role("PAUSER_ROLE"), at("Council")), false, `${name}: council none`);
    assert.equal(await pausable.hasRole(role("PAUSER_ROLE"), guardianAddress), true, `${name}: guardian`);
  }
  const registry = c("MinerRegistry", [
    "function owner() view returns (address)",
    "function insuranceReserve() view returns (address)",
  ]);
  assert.equal(getAddress(await registry.owner()), timelockAddress);
  assert.equal(getAddress(await registry.insuranceReserve()), getAddress(insurance));
  provider.destroy();
});
