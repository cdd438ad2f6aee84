#!/usr/bin/env node
import { runCli, USAGE } from './cli.js';

const controller = new AbortController();
runCli(process.argv.slice(2), (line) => console.log(line), controller.signal)
  .then((server) => {
    if (server === undefined) return;
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => controller.abort());
    }
  })
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    console.error(USAGE);
    process.exitCode = 1;
  });
