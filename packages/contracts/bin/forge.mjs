#!/usr/bin/env node
// Runs the native forge and exits with its exit code (the npm wrapper always exits 0).
import { runFoundry } from "./foundry.mjs";

process.exitCode = await runFoundry("forge", process.argv.slice(2));
