#!/usr/bin/env node
// Runs the native cast and exits with its exit code (the npm wrapper always exits 0).
import { runFoundry } from "./foundry.mjs";

process.exitCode = await runFoundry("cast", process.argv.slice(2));
