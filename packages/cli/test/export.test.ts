import {
  appendFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestServer, type TestServer } from '@ews/test-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECKPOINT_FILE } from '../src/commands/export/checkpoint.js';
import { itemFileName } from '../src/commands/export/export-mailbox.js';
import type { ExportJson } from '../src/index.js';
import { ews, signIn } from './helpers/run.js';
import { seedInbox } from './helpers/seed.js';

let server: TestServer;
let getItems = 0;
let onGetItem: (() => void) | undefined;
const subjects = new Map<string, string[]>();

beforeAll(async () => {
  server = await startTestServer({
    tls: true,
    seed: 'empty',
    onRequest: ({ operation }) => {
      if (operation === 'GetItem') {
        getItems += 1;
        onGetItem?.();
      }
    },
  });
  // Grace has delegate access to Alice's mailbox: she exports both.
  subjects.set('alice@contoso.test', await seedInbox(server, 'alice@contoso.test', 1200, 'Alice'));
  subjects.set('grace@contoso.test', await seedInbox(server, 'grace@contoso.test', 250, 'Grace'));
  subjects.set('bob@contoso.test', await seedInbox(server, 'bob@contoso.test', 40, 'Bob'));
}, 120_000);
afterAll(async () => {
  await server?.close();
});

const outDir = () => mkdtempSync(join(tmpdir(), 'ews-cli-export-'));

/** Subjects of the exported files, read from each file's MIME header, with repeats kept. */
function exportedSubjects(directory: string): string[] {
  return readdirSync(directory)
    .filter((name) => name.endsWith('.eml'))
    .map(
      (name) =>
        /^Subject: (.*)$/m.exec(readFileSync(join(directory, name), 'utf8'))?.[1]?.trim() ?? `?${name}`,
    );
}

function checkpointIds(directory: string): string[] {
  const lines = readFileSync(join(directory, CHECKPOINT_FILE), 'utf8').split('\n');
  expect(JSON.parse(lines[0] ?? '')).toMatchObject({ format: 'ews-export-checkpoint/1' });
  return lines.slice(1).filter(Boolean);
}

function exactlyOnce(directory: string, mailbox: string): void {
  const found = exportedSubjects(directory).sort();
  expect(found).toEqual([...(subjects.get(mailbox) ?? [])].sort()); // no losses, no duplicates
  const ids = checkpointIds(directory);
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids.length).toBe(found.length);
  expect(readdirSync(directory).filter((name) => name.endsWith('.partial'))).toEqual([]);
}

describe('ews export', () => {
  it('--json: several mailboxes, two at a time, every item once as an .eml file', async () => {
    const out = outDir();
    const { flags, env } = signIn(server, 'grace@contoso.test');
    const ran = await ews(
      [
        'export',
        'grace@contoso.test',
        'alice@contoso.test',
        '--out',
        out,
        '--concurrency',
        '2',
        '--json',
        ...flags,
      ],
      { env },
    );
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(0);
    const json = ran.json<ExportJson>();
    expect(json.out).toBe(out);
    expect(json.folder).toBe('inbox');
    expect(json.mailboxes).toEqual([
      {
        mailbox: 'grace@contoso.test',
        folder: 'inbox',
        directory: join(out, 'grace@contoso.test'),
        total: 250,
        exported: 250,
        skipped: 0,
        vanished: 0,
      },
      {
        mailbox: 'alice@contoso.test',
        folder: 'inbox',
        directory: join(out, 'alice@contoso.test'),
        total: 1200,
        exported: 1200,
        skipped: 0,
        vanished: 0,
      },
    ]);
    exactlyOnce(join(out, 'grace@contoso.test'), 'grace@contoso.test');
    exactlyOnce(join(out, 'alice@contoso.test'), 'alice@contoso.test');
    const first = readdirSync(join(out, 'alice@contoso.test')).find((name) => name.endsWith('.eml')) ?? '';
    const mime = readFileSync(join(out, 'alice@contoso.test', first), 'utf8');
    expect(mime).toMatch(/^MIME-Version: 1\.0/im);
    const body = mime.split(/\r?\n\r?\n/)[1] ?? '';
    expect(Buffer.from(body, 'base64').toString('utf8')).toMatch(/^body of Alice \d{5}$/);

    // Again: nothing left to do, nothing written twice.
    const again = await ews(['export', 'grace@contoso.test', '--out', out, '--json', ...flags], { env });
    expect(again.json<ExportJson>().mailboxes[0]).toMatchObject({ exported: 0, skipped: 250 });
    exactlyOnce(join(out, 'grace@contoso.test'), 'grace@contoso.test');
  });

  it('plain lines when stderr is not a terminal', async () => {
    const out = outDir();
    const { flags, env } = signIn(server, 'bob@contoso.test');
    const ran = await ews(['export', 'bob@contoso.test', '--out', out, ...flags], { env });
    expect(ran.code).toBe(0);
    expect(ran.stderr).toBe(
      'bob@contoso.test: 40 items, 0 already exported\nbob@contoso.test: done, 40 exported, 0 already there\n',
    );
    expect(ran.stdout).toContain('bob@contoso.test: 40 exported, 0 already there, 40 in inbox');
  });

  it('cancelled in the middle (AbortSignal): exit 130, the checkpoint kept; the next run finishes, every item once', async () => {
    const out = outDir();
    const directory = join(out, 'alice@contoso.test');
    const { flags, env } = signIn(server, 'alice@contoso.test');
    const controller = new AbortController();
    const before = getItems;
    onGetItem = () => {
      if (getItems - before === 4) controller.abort();
    };
    const stopped = await ews(['export', 'alice@contoso.test', '--out', out, ...flags], {
      env,
      signal: controller.signal,
    });
    onGetItem = undefined;
    expect(stopped.code).toBe(130);
    expect(stopped.stderr).toContain('ews: cancelled');
    expect(stopped.stderr).not.toMatch(/\n\s+at /); // no stack trace
    const kept = checkpointIds(directory);
    expect(kept.length).toBeGreaterThanOrEqual(300);
    expect(kept.length).toBeLessThan(1200);
    expect(exportedSubjects(directory).length).toBe(kept.length);

    const resumed = await ews(['export', 'alice@contoso.test', '--out', out, '--json', ...flags], { env });
    expect(resumed.code).toBe(0);
    expect(resumed.json<ExportJson>().mailboxes[0]).toMatchObject({
      total: 1200,
      exported: 1200 - kept.length,
      skipped: kept.length,
    });
    exactlyOnce(directory, 'alice@contoso.test');
  });

  it('after a crash: a file written but not recorded, a torn last line, a half-written file: each item still once', async () => {
    const out = outDir();
    const directory = join(out, 'bob@contoso.test');
    const { flags, env } = signIn(server, 'bob@contoso.test');
    expect((await ews(['export', 'bob@contoso.test', '--out', out, ...flags], { env })).code).toBe(0);
    const path = join(directory, CHECKPOINT_FILE);
    const lines = readFileSync(path, 'utf8').split('\n').filter(Boolean);
    // The crash: the last 3 items' files exist but their ids never reached the checkpoint, the
    // 4th-last id was cut in the middle of its line, and one file was being written.
    const [fourthLast] = lines.slice(-4);
    writeFileSync(path, `${lines.slice(0, -4).join('\n')}\n`);
    appendFileSync(path, (fourthLast ?? '').slice(0, 10));
    writeFileSync(join(directory, 'deadbeef.eml.partial'), 'half');

    const resumed = await ews(['export', 'bob@contoso.test', '--out', out, '--json', ...flags], { env });
    expect(resumed.code).toBe(0);
    expect(resumed.json<ExportJson>().mailboxes[0]).toMatchObject({ exported: 4, skipped: 36 });
    exactlyOnce(directory, 'bob@contoso.test');
    // Every recorded id is a whole id (its file is there), so a further run has nothing to do.
    for (const id of checkpointIds(directory))
      expect(existsSync(join(directory, itemFileName(id)))).toBe(true);
    const third = await ews(['export', 'bob@contoso.test', '--out', out, '--json', ...flags], { env });
    expect(third.json<ExportJson>().mailboxes[0]).toMatchObject({ exported: 0, skipped: 40 });
  });

  it('an item whose file cannot be written is not recorded: the next run writes it', async () => {
    const out = outDir();
    const directory = join(out, 'bob@contoso.test');
    const { flags, env } = signIn(server, 'bob@contoso.test');
    expect((await ews(['export', 'bob@contoso.test', '--out', out, ...flags], { env })).code).toBe(0);
    const path = join(directory, CHECKPOINT_FILE);
    const lines = readFileSync(path, 'utf8').split('\n').filter(Boolean);
    const lost = lines.at(-1) ?? '';
    writeFileSync(path, `${lines.slice(0, -1).join('\n')}\n`);
    const file = join(directory, itemFileName(lost));
    rmSync(file);
    mkdirSync(file); // the rename onto it fails (EISDIR)

    const failed = await ews(['export', 'bob@contoso.test', '--out', out, '--json', ...flags], { env });
    expect(failed.code).toBe(1);
    expect(failed.json<ExportJson>().mailboxes[0]?.error).toBeDefined();
    expect(checkpointIds(directory)).not.toContain(lost);

    rmSync(file, { recursive: true });
    const resumed = await ews(['export', 'bob@contoso.test', '--out', out, '--json', ...flags], { env });
    expect(resumed.json<ExportJson>().mailboxes[0]).toMatchObject({ exported: 1, skipped: 39 });
    exactlyOnce(directory, 'bob@contoso.test');
  });

  it("refuses to resume into another mailbox's or folder's checkpoint", async () => {
    const out = outDir();
    const { flags, env } = signIn(server, 'bob@contoso.test');
    expect((await ews(['export', 'bob@contoso.test', '--out', out, ...flags], { env })).code).toBe(0);
    const ran = await ews(
      ['export', 'bob@contoso.test', '--folder', 'drafts', '--out', out, '--json', ...flags],
      { env },
    );
    expect(ran.code).toBe(1);
    expect(ran.json<ExportJson>().mailboxes[0]?.error).toContain(
      'belongs to the export of bob@contoso.test inbox',
    );
  });

  it('a mailbox that fails does not stop the others; the exit code says so', async () => {
    const out = outDir();
    const { flags, env } = signIn(server, 'bob@contoso.test');
    const ran = await ews(
      ['export', 'alice@contoso.test', 'bob@contoso.test', '--out', out, '--json', ...flags],
      { env },
    );
    expect(ran.code).toBe(1);
    const [alice, bob] = ran.json<ExportJson>().mailboxes;
    expect(alice?.error).toMatch(/Access|denied|ErrorAccessDenied|permission/i);
    expect(bob).toMatchObject({ exported: 40 });
  });

  it('refuses a bad --concurrency', async () => {
    const ran = await ews(
      [
        'export',
        'bob@contoso.test',
        '--out',
        outDir(),
        '--concurrency',
        '0',
        '--json',
        '--server',
        'x',
        '--user',
        'u@x',
      ],
      {
        env: { EWS_PASSWORD: 'p' },
      },
    );
    expect(ran.code).toBe(1);
    expect(ran.json<{ error: { code: string } }>().error.code).toBe('INVALID_ARGUMENT');
  });
});
