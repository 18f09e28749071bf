// The code-size check of bin/lint.mjs: which rows fail, and what the table says.
import assert from "node:assert/strict";
import { test } from "node:test";

import { CODE_SIZE_LIMIT, checkSizes, deployableSizes, HEADROOM } from "./sizes.mjs";

const row = (contract, size) => ({
  contract,
  source: `src/${contract}.sol`,
  profile: "production",
  runs: 200,
  size,
  headroom: CODE_SIZE_LIMIT - size,
});

test("a deployable with less than 1 KiB of headroom fails, one with exactly 1 KiB passes", () => {
  const lines = [];
  const failures = checkSizes(
    [row("Big", CODE_SIZE_LIMIT - HEADROOM + 1), row("Fits", CODE_SIZE_LIMIT - HEADROOM)],
    (line) => lines.push(line),
  );
  assert.deepEqual(
    failures.map((r) => r.contract),
    ["Big"],
  );
  assert.match(lines.find((l) => l.startsWith("Big")) ?? "", /\s1023\s+< 1 KiB headroom$/);
  assert.match(lines.find((l) => l.startsWith("Fits")) ?? "", /\s1024$/);
});

test("the build's deployables include the vault and its linked libraries, not mocks or math libraries", () => {
  const names = new Set(deployableSizes().map((r) => r.contract));
  for (const name of ["RiskControlVault", "DeliveryRecords", "CertificateLedger", "Marketplace"]) {
    assert.ok(names.has(name), `${name} is listed`);
  }
  for (const name of ["BridgedToken", "EscrowMath", "IRiskControlVault", "RiskControlVaultStorage"]) {
    assert.ok(!names.has(name), `${name} is not listed`);
  }
});
