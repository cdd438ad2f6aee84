#!/usr/bin/env node
import { processContext } from './process-context.js';
import { runCli } from './program.js';

// Ctrl-C aborts the run through its AbortSignal: requests stop, files and checkpoints are closed,
// and runCli returns 130. A second Ctrl-C leaves at once.
const controller = new AbortController();
process.on('SIGINT', () => {
  if (controller.signal.aborted) process.exit(130);
  controller.abort();
});
process.exitCode = await runCli(process.argv.slice(2), processContext(controller.signal));
