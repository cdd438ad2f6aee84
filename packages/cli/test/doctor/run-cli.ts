import { processContext } from '../../src/process-context.js';
import { runCli } from '../../src/program.js';

export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/**
 * Runs `ews …` in-process as a person would type it, with the given environment variables set
 * for the run (EWS_PASSWORD), and returns the exit code and what it printed.
 */
export async function ews(
  argv: readonly string[],
  env: Readonly<Record<string, string>> = {},
): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const saved = new Map(Object.keys(env).map((key) => [key, process.env[key]]));
  const write = {
    out: process.stdout.write.bind(process.stdout),
    err: process.stderr.write.bind(process.stderr),
  };
  process.stdout.write = ((chunk: string | Uint8Array) =>
    out.push(String(chunk)) > 0) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) =>
    err.push(String(chunk)) > 0) as typeof process.stderr.write;
  Object.assign(process.env, env);
  // As bin.ts does: Ctrl-C (SIGINT) aborts the run's signal.
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.on('SIGINT', onSigint);
  try {
    const code = await runCli(argv, processContext(controller.signal));
    return { code, out: out.join(''), err: err.join('') };
  } finally {
    process.removeListener('SIGINT', onSigint);
    process.stdout.write = write.out;
    process.stderr.write = write.err;
    for (const [key, value] of saved) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}
