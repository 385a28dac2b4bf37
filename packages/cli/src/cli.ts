#!/usr/bin/env node
import { runCli } from "./run-cli.js";

// `streambed … | head` closes stdout early: stop quietly instead of printing EPIPE.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

process.exitCode = await runCli(process.argv);
