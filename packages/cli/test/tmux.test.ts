import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTestServer, type TestServer } from '@ews/test-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CHECKPOINT_FILE } from '../src/commands/export/checkpoint.js';
import { caFile } from './helpers/run.js';
import { seedInbox } from './helpers/seed.js';
import { Tmux } from './helpers/tmux.js';

// A person at a terminal: the BUILT binary in a tmux pane (a real TTY), keys typed with send-keys,
// the screen read with capture-pane.
const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'bin.js');
const ITEMS = 5000;
const PASSWORD = 'Alice-Demo-2016!';
let server: TestServer;
let subjects: string[];
const tmux = new Tmux();
let session: string | undefined;

beforeAll(async () => {
  server = await startTestServer({ tls: true, seed: 'empty' });
  subjects = await seedInbox(server, 'alice@contoso.test', ITEMS, 'Item');
}, 180_000);
afterEach(() => {
  if (session) tmux.kill(session);
  session = undefined;
});
afterAll(async () => {
  tmux.killAll();
  await server?.close();
});

const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;
const ews = (...args: string[]) => ['node', BIN, ...args].map(quote).join(' ');
const signIn = () => ['--server', server.url, '--user', 'alice@contoso.test', '--ca', caFile(server)];
const exitLine = (pane: string) => /\[exit (\d+)\]/.exec(pane)?.[1];

describe('ews in a terminal (tmux)', () => {
  it('asks for the password without echo, and signs in with it', async () => {
    // No EWS_PASSWORD anywhere: the prompt is the only way in.
    session = tmux.start(`env -u EWS_PASSWORD ${ews('whoami', ...signIn())}`);
    await tmux.waitFor(
      session,
      (pane) => pane.includes('Password for alice@contoso.test:'),
      'the password prompt',
    );
    tmux.type(session, PASSWORD);
    // What is on the screen while the password sits typed but not yet sent.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const typing = tmux.capture(session);
    expect(typing).not.toContain(PASSWORD);
    expect(typing).not.toContain('Alice-Demo');
    tmux.keys(session, 'Enter');
    const pane = await tmux.waitFor(session, (text) => exitLine(text) !== undefined, 'whoami to finish');
    expect(exitLine(pane)).toBe('0');
    expect(pane).toContain('Alice Adams <alice@contoso.test>');
    expect(pane).not.toContain(PASSWORD);
    expect(pane).not.toContain('*'.repeat(PASSWORD.length)); // not even a mask of its length
  });

  it('Ctrl-C at the password prompt: exit 130, no stack trace', async () => {
    session = tmux.start(`env -u EWS_PASSWORD ${ews('whoami', ...signIn())}`);
    await tmux.waitFor(session, (pane) => pane.includes('Password for'), 'the password prompt');
    tmux.keys(session, 'C-c');
    const pane = await tmux.waitFor(session, (text) => exitLine(text) !== undefined, 'the cancelled prompt');
    expect(exitLine(pane)).toBe('130');
    expect(pane).not.toMatch(/^\s+at /m);
  });

  it(`exports ${ITEMS} items with a progress bar, Ctrl-C in the middle, then resumes: every item exactly once`, async () => {
    const out = mkdtempSync(join(tmpdir(), 'ews-cli-tmux-export-'));
    const directory = join(out, 'alice@contoso.test');
    const env = { EWS_PASSWORD: PASSWORD };
    const command = ews('export', 'alice@contoso.test', '--out', out, ...signIn());

    session = tmux.start(command, env);
    const progress = /alice@contoso\.test \[[█░]+\] (\d+)\/5000 items/;
    const midway = await tmux.waitFor(
      session,
      (pane) => Number(progress.exec(pane)?.[1] ?? 0) >= 500,
      'the progress bar to pass 500',
      60_000,
    );
    expect(Number(progress.exec(midway)?.[1])).toBeLessThan(ITEMS);
    tmux.keys(session, 'C-c');
    const stopped = await tmux.waitFor(
      session,
      (pane) => exitLine(pane) !== undefined,
      'the export to stop',
      30_000,
    );
    expect(exitLine(stopped)).toBe('130');
    expect(stopped).toContain('ews: cancelled');
    expect(stopped).not.toMatch(/^\s+at /m);
    const kept = readFileSync(join(directory, CHECKPOINT_FILE), 'utf8').split('\n').slice(1).filter(Boolean);
    expect(kept.length).toBeGreaterThanOrEqual(500);
    expect(kept.length).toBeLessThan(ITEMS);
    tmux.kill(session);

    session = tmux.start(command, env);
    const done = await tmux.waitFor(
      session,
      (pane) => exitLine(pane) !== undefined,
      'the resumed export',
      120_000,
    );
    expect(exitLine(done)).toBe('0');
    expect(done).toMatch(/5000\/5000 items 100%/);
    expect(done).toContain(
      `alice@contoso.test: ${ITEMS - kept.length} exported, ${kept.length} already there, ${ITEMS} in inbox`,
    );

    const files = readdirSync(directory).filter((name) => name.endsWith('.eml'));
    const found = files
      .map((name) => /^Subject: (.*)$/m.exec(readFileSync(join(directory, name), 'utf8'))?.[1]?.trim())
      .sort();
    expect(found).toEqual([...subjects].sort()); // no losses, no duplicates
    const ids = readFileSync(join(directory, CHECKPOINT_FILE), 'utf8').split('\n').slice(1).filter(Boolean);
    expect(ids.length).toBe(ITEMS);
    expect(new Set(ids).size).toBe(ITEMS);
  }, 300_000);
});
