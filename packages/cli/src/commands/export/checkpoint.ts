import { type FileHandle, open, readFile, truncate } from 'node:fs/promises';
import { CliError } from '../../output/cli-error.js';

/** What a checkpoint belongs to: resuming into another mailbox's or folder's directory is refused. */
export interface CheckpointHeader {
  readonly format: 'ews-export-checkpoint/1';
  readonly mailbox: string;
  readonly folder: string;
}

export const CHECKPOINT_FILE = '.ews-export-checkpoint';

/**
 * The ids of the items already exported, one per line after a JSON header, append-only.
 * The order of work makes every item land exactly once across runs: the item's file is written
 * (under a name made from its id, by rename, so never half) and only then its id is appended. A
 * run stopped in between (Ctrl-C, a crash) left the file but not the id: the next run writes the
 * same file again and records it. A last line cut short by a crash is dropped (and cut off), so
 * that item too is written again, over its own file. Memory: the set of ids, no item content.
 */
export class Checkpoint {
  readonly path: string;
  readonly #done: Set<string>;
  readonly #file: FileHandle;

  private constructor(path: string, done: Set<string>, file: FileHandle) {
    this.path = path;
    this.#done = done;
    this.#file = file;
  }

  static async open(path: string, header: CheckpointHeader): Promise<Checkpoint> {
    const done = new Set<string>();
    let text: string | undefined;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    if (text !== undefined && text.length > 0) {
      const complete = text.endsWith('\n') ? text : text.slice(0, text.lastIndexOf('\n') + 1);
      if (complete.length !== text.length) await truncate(path, Buffer.byteLength(complete));
      const lines = complete.split('\n');
      lines.pop(); // the empty string after the last newline
      const [first, ...ids] = lines;
      if (first === undefined) {
        // Only a torn header: start again.
        await truncate(path, 0);
      } else {
        checkHeader(first, header, path);
        for (const id of ids) if (id) done.add(id);
      }
    }
    const file = await open(path, 'a');
    if (done.size === 0 && (text === undefined || !text.includes('\n')))
      await file.write(`${JSON.stringify(header)}\n`);
    return new Checkpoint(path, done, file);
  }

  has(id: string): boolean {
    return this.#done.has(id);
  }

  get size(): number {
    return this.#done.size;
  }

  /** Records items whose files are written: one append for the lot (a torn end is dropped on reading). */
  async record(ids: readonly string[]): Promise<void> {
    const fresh = ids.filter((id) => !this.#done.has(id));
    for (const id of fresh) {
      if (id.includes('\n') || id.length === 0)
        throw new CliError('EXPORT_BAD_ID', 'an item id that is empty or has a line break');
    }
    if (fresh.length === 0) return;
    await this.#file.write(`${fresh.join('\n')}\n`);
    for (const id of fresh) this.#done.add(id);
  }

  async close(): Promise<void> {
    await this.#file.close();
  }
}

function checkHeader(line: string, expected: CheckpointHeader, path: string): void {
  let found: Partial<CheckpointHeader> | undefined;
  try {
    found = JSON.parse(line) as Partial<CheckpointHeader>;
  } catch {
    found = undefined;
  }
  if (found?.format !== expected.format) {
    throw new CliError(
      'EXPORT_CHECKPOINT',
      `${path} is not an ews export checkpoint (format ${expected.format})`,
    );
  }
  if (found.mailbox?.toLowerCase() !== expected.mailbox.toLowerCase() || found.folder !== expected.folder) {
    throw new CliError(
      'EXPORT_CHECKPOINT',
      `${path} belongs to the export of ${found.mailbox} ${found.folder}, not ${expected.mailbox} ${expected.folder}: use another --out`,
    );
  }
}
