#!/usr/bin/env node
// Runs the native anvil and exits with its exit code (the npm wrapper always exits 0).
import { runFoundry } from "./foundry.mjs";

process.exitCode = await runFoundry("anvil", process.argv.slice(2));
