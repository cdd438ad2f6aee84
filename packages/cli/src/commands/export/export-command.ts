import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { ConnectionFlags } from '../../config/settings.js';
import { CliError, EXIT, ExitCode } from '../../output/cli-error.js';
import { type JsonFlag, printJson, type Run, withConnectionOptions, withSession } from '../command-kit.js';
import { type ExportMailboxJson, exportMailbox } from './export-mailbox.js';
import { exportProgress } from './progress.js';

/** `ews export --json`: one entry per mailbox, in the order given. */
export interface ExportJson {
  readonly out: string;
  readonly folder: string;
  readonly mailboxes: readonly ExportMailboxJson[];
}

interface ExportFlags extends ConnectionFlags, JsonFlag {
  readonly folder: string;
  readonly out: string;
  readonly concurrency: string;
}

const MAX_CONCURRENCY = 16;

/** Runs `work` over `items`, at most `limit` at once; results in input order. */
export async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export function exportCommand(program: Command, run: Run): void {
  withConnectionOptions(program.command('export'))
    .description('export mailboxes as .eml files, resumable (a checkpoint in each mailbox directory)')
    .argument('<mailbox...>', 'mailboxes to export (yours or ones you have delegate access to)')
    .requiredOption('--out <dir>', 'directory: one subdirectory per mailbox')
    .option(
      '--folder <name>',
      'a distinguished folder (inbox, sentitems, …) or a path such as Inbox/Projects',
      'inbox',
    )
    .option('--concurrency <n>', `mailboxes at once, 1…${MAX_CONCURRENCY}`, '2')
    .action(async (mailboxes: string[], flags: ExportFlags) => {
      const concurrency = Number(flags.concurrency);
      if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > MAX_CONCURRENCY) {
        throw new CliError(
          'INVALID_ARGUMENT',
          `--concurrency ${flags.concurrency.slice(0, 10)}: a whole number from 1 to ${MAX_CONCURRENCY}`,
        );
      }
      const unique = [...new Map(mailboxes.map((mailbox) => [mailbox.toLowerCase(), mailbox])).values()];
      const out = resolve(flags.out);
      const signal = run.context.signal;
      const stderr = run.context.stderr;
      const mode = flags.json ? 'quiet' : stderr.isTTY ? 'bar' : 'lines';
      const result = await withSession(run, flags, async (session): Promise<ExportJson> => {
        const progress = exportProgress(mode === 'bar' ? (stderr as NodeJS.WriteStream) : wrapped(run), mode);
        try {
          const results = await mapBounded(unique, concurrency, (mailbox) =>
            exportMailbox(mailbox, {
              account: session.mailbox(mailbox),
              folder: flags.folder,
              out,
              signal,
              progress,
            }),
          );
          return { out, folder: flags.folder, mailboxes: results };
        } finally {
          progress.stop();
        }
      });
      if (flags.json) printJson(run, result);
      else {
        for (const entry of result.mailboxes) {
          run.out(
            entry.error
              ? `${entry.mailbox}: FAILED (${entry.error}); ${entry.exported} written, run again to resume\n`
              : `${entry.mailbox}: ${entry.exported} exported, ${entry.skipped} already there, ${entry.total} in ${entry.folder} -> ${entry.directory}\n`,
          );
        }
      }
      // Each failed mailbox is named above (or in the JSON): the exit code says that some did.
      if (result.mailboxes.some((entry) => entry.error)) throw new ExitCode(EXIT.failed);
    });
}

function wrapped(run: Run): NodeJS.WriteStream {
  const write = (chunk: string): boolean => {
    run.err(chunk);
    return true;
  };
  return { write } as unknown as NodeJS.WriteStream;
}
