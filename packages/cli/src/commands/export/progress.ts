import cliProgress from 'cli-progress';
import type { OutputStream } from '../../context.js';
import type { ExportMailboxJson, ExportProgress } from './export-mailbox.js';

/**
 * A progress bar per mailbox on a terminal (cli-progress), plain lines when stderr is a pipe or a
 * file (a log stays readable), nothing with --json (stdout carries the document; stderr stays quiet).
 */
export function exportProgress(
  stream: OutputStream & NodeJS.WritableStream,
  mode: 'bar' | 'lines' | 'quiet',
): ExportProgress & { stop(): void } {
  if (mode === 'quiet') return { start() {}, advance() {}, finish() {}, stop() {} };
  if (mode === 'lines') return plainLines(stream);
  const multibar = new cliProgress.MultiBar(
    {
      stream,
      format: '{mailbox} [{bar}] {value}/{total} items {percentage}% | {eta_formatted} left',
      hideCursor: true,
      clearOnComplete: false,
      stopOnComplete: false,
      fps: 10,
      barsize: 30,
    },
    cliProgress.Presets.shades_classic,
  );
  const bars = new Map<string, cliProgress.SingleBar>();
  return {
    start(mailbox, total, done) {
      bars.set(mailbox, multibar.create(Math.max(total, done), done, { mailbox }));
    },
    advance(mailbox, done) {
      const bar = bars.get(mailbox);
      if (bar && done > bar.getTotal()) bar.setTotal(done);
      bar?.update(done);
    },
    finish(mailbox, result) {
      const bar = bars.get(mailbox);
      bar?.update(result.exported + result.skipped, {
        mailbox: result.error ? `${mailbox} (failed)` : mailbox,
      });
    },
    stop() {
      multibar.stop();
    },
  };
}

function plainLines(stream: OutputStream): ExportProgress & { stop(): void } {
  const totals = new Map<string, number>();
  const printed = new Map<string, number>();
  return {
    start(mailbox, total, done) {
      totals.set(mailbox, total);
      printed.set(mailbox, done);
      stream.write(`${mailbox}: ${total} items, ${done} already exported\n`);
    },
    advance(mailbox, done) {
      // A line every 500 items: enough to follow, few enough for a log.
      if (done - (printed.get(mailbox) ?? 0) >= 500) {
        printed.set(mailbox, done);
        stream.write(`${mailbox}: ${done}/${totals.get(mailbox) ?? '?'}\n`);
      }
    },
    finish(mailbox, result: ExportMailboxJson) {
      stream.write(
        result.error
          ? `${mailbox}: failed after ${result.exported} items: ${result.error}\n`
          : `${mailbox}: done, ${result.exported} exported, ${result.skipped} already there${result.vanished ? `, ${result.vanished} deleted meanwhile` : ''}\n`,
      );
    },
    stop() {},
  };
}
