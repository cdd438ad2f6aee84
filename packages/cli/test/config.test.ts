import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestServer, type TestServer } from '@ews/test-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROFILE_FIELDS } from '../src/config/profile-file.js';
import { resolveSettings } from '../src/config/settings.js';
import type { CliContext } from '../src/context.js';
import type { ProfileJson, WhoamiJson } from '../src/index.js';
import { caFile, ews } from './helpers/run.js';

let server: TestServer;
const ALICE = 'Alice-Demo-2016!';

beforeAll(async () => {
  server = await startTestServer({ tls: true, seed: 'demo', now: () => new Date('2026-03-02T08:00:00Z') });
});
afterAll(async () => {
  await server?.close();
});

function home(profiles?: unknown): { home: string; path: string } {
  const dir = mkdtempSync(join(tmpdir(), 'ews-cli-home-'));
  const path = join(dir, '.config', 'ews', 'profiles.json');
  if (profiles !== undefined) {
    mkdirSync(join(dir, '.config', 'ews'), { recursive: true });
    writeFileSync(path, JSON.stringify(profiles));
  }
  return { home: dir, path };
}

function context(env: Record<string, string>, homeDir: string): CliContext {
  const sink = { write: () => true };
  return {
    stdout: sink,
    stderr: sink,
    env,
    stdinIsTTY: false,
    signal: new AbortController().signal,
    homeDir,
    promptPassword: () => Promise.reject(new Error('no prompt')),
  };
}

describe('settings: flags > environment > profile', () => {
  const profile = {
    profiles: {
      default: { server: 'profile.example', user: 'p@example', email: 'pe@example' },
      work: { server: 'work.example', user: 'w@example' },
    },
  };

  it('each layer wins over the next, field by field', async () => {
    const { home: dir } = home(profile);
    const fromProfile = await resolveSettings({}, context({}, dir));
    expect([fromProfile.server, fromProfile.user, fromProfile.email, fromProfile.profile]).toEqual([
      'profile.example',
      'p@example',
      'pe@example',
      'default',
    ]);
    expect(fromProfile.sources).toEqual({ server: 'profile', user: 'profile', email: 'profile' });

    const env = { EWS_SERVER: 'env.example', EWS_USERNAME: 'e@example' };
    const fromEnv = await resolveSettings({}, context(env, dir));
    expect([fromEnv.server, fromEnv.user, fromEnv.email]).toEqual(['env.example', 'e@example', 'pe@example']);
    expect(fromEnv.sources).toEqual({ server: 'env', user: 'env', email: 'profile' });

    const fromFlags = await resolveSettings(
      { server: 'flag.example', email: 'f@example' },
      context({ ...env, EWS_EMAIL: 'ee@example' }, dir),
    );
    expect([fromFlags.server, fromFlags.user, fromFlags.email]).toEqual([
      'flag.example',
      'e@example',
      'f@example',
    ]);
    expect(fromFlags.sources).toEqual({ server: 'flag', user: 'env', email: 'flag' });
  });

  it('--profile and EWS_PROFILE pick a profile; an unknown one is refused', async () => {
    const { home: dir } = home(profile);
    expect((await resolveSettings({ profile: 'work' }, context({}, dir))).server).toBe('work.example');
    const viaEnv = await resolveSettings({}, context({ EWS_PROFILE: 'work' }, dir));
    expect([viaEnv.server, viaEnv.email, viaEnv.profile]).toEqual(['work.example', 'w@example', 'work']);
    await expect(resolveSettings({ profile: 'nope' }, context({}, dir))).rejects.toThrow(/no profile nope/);
  });

  it('EWS_CONFIG names the file; nothing anywhere is a clear error', async () => {
    const { path } = home(profile);
    const { home: empty } = home();
    expect((await resolveSettings({}, context({ EWS_CONFIG: path }, empty))).server).toBe('profile.example');
    await expect(resolveSettings({}, context({}, empty))).rejects.toThrow(
      /no server: give --server HOST\|URL, set EWS_SERVER/,
    );
  });

  it('end to end: whoami signs in with settings from all three layers', async () => {
    const { home: dir } = home({
      profiles: { default: { server: server.url, ca: caFile(server), user: 'nobody@contoso.test' } },
    });
    const ran = await ews(['whoami', '--json', '--user', 'alice@contoso.test'], {
      home: dir,
      env: { EWS_PASSWORD: ALICE },
    });
    expect(ran.stderr).toBe('');
    expect(ran.json<WhoamiJson>().mailbox).toBe('alice@contoso.test');
  });
});

describe('the password', () => {
  it('ews profile save writes every setting but never the password', async () => {
    const { home: dir, path } = home();
    const ran = await ews(
      ['profile', 'save', 'work', '--server', server.url, '--auth', 'basic', '--tz', 'Europe/Oslo', '--json'],
      {
        home: dir,
        env: { EWS_USERNAME: 'alice@contoso.test', EWS_PASSWORD: ALICE },
      },
    );
    expect(ran.code).toBe(0);
    const written = readFileSync(path, 'utf8');
    expect(written).not.toContain(ALICE);
    expect(written).not.toMatch(/pass/i);
    expect(JSON.parse(written)).toEqual({
      profiles: {
        work: { server: server.url, user: 'alice@contoso.test', auth: 'basic', tz: 'Europe/Oslo' },
      },
    });
    expect(statSync(path).mode & 0o077).toBe(0); // private to the user
    expect(ran.json<ProfileJson>().profiles.work).toEqual(JSON.parse(written).profiles.work);
    expect(PROFILE_FIELDS).not.toContain('password');
  });

  it('ews profile list --json: what profile save wrote, and profile save without settings is refused', async () => {
    const { home: dir, path } = home();
    const env = { EWS_PASSWORD: ALICE };
    expect(
      (
        await ews(['profile', 'save', 'default', '--server', 'a.example', '--user', 'a@example'], {
          home: dir,
          env,
        })
      ).code,
    ).toBe(0);
    expect(
      (
        await ews(['profile', 'save', 'b', '--server', 'b.example', '--email', 'b@example'], {
          home: dir,
          env,
        })
      ).code,
    ).toBe(0);
    const listed = await ews(['profile', 'list', '--json'], { home: dir, env });
    expect(listed.json<ProfileJson>()).toEqual({
      path,
      profiles: {
        default: { server: 'a.example', user: 'a@example' },
        b: { server: 'b.example', email: 'b@example' },
      },
    });
    const empty = await ews(['profile', 'save', 'c', '--json'], { home: dir, env: {} });
    expect(empty.code).toBe(1);
    expect(empty.json<{ error: { code: string } }>().error.code).toBe('INVALID_ARGUMENT');
  });

  it('a profile file holding a password is refused, not used', async () => {
    const { home: dir } = home({
      profiles: { default: { server: server.url, user: 'alice@contoso.test', password: ALICE } },
    });
    const ran = await ews(['whoami', '--json'], { home: dir, env: {} });
    expect(ran.code).toBe(1);
    expect(ran.stderr).toContain('profiles never hold passwords');
    expect(ran.stdout + ran.stderr).not.toContain(ALICE);
  });

  it('not a terminal and no EWS_PASSWORD: refused, no prompt', async () => {
    const ran = await ews(
      ['whoami', '--server', server.url, '--user', 'alice@contoso.test', '--ca', caFile(server), '--json'],
      { tty: false },
    );
    expect(ran.code).toBe(1);
    expect(ran.json<{ error: { code: string } }>().error.code).toBe('NO_PASSWORD');
    expect(ran.stderr).toContain('set EWS_PASSWORD, or run ews in a terminal');
  });

  it('on a terminal the password is asked for, and used', async () => {
    const asked: string[] = [];
    const ran = await ews(
      ['whoami', '--server', server.url, '--user', 'alice@contoso.test', '--ca', caFile(server), '--json'],
      {
        tty: true,
        prompt: async (message) => {
          asked.push(message);
          return ALICE;
        },
      },
    );
    expect(asked).toEqual(['Password for alice@contoso.test:']);
    expect(ran.code).toBe(0);
    expect(ran.stdout).not.toContain(ALICE);
  });

  it('a wrong password fails with an error that does not contain it, in text and in --json', async () => {
    const wrong = 'Wrong-Secret-4711';
    const ran = await ews(
      ['whoami', '--server', server.url, '--user', 'alice@contoso.test', '--ca', caFile(server), '--json'],
      {
        env: { EWS_PASSWORD: wrong },
      },
    );
    expect(ran.code).toBe(1);
    expect(ran.stderr).toMatch(/^ews: /);
    expect(ran.json<{ error: { code: string; message: string } }>().error.message.length).toBeGreaterThan(0);
    expect(ran.stdout + ran.stderr).not.toContain(wrong);
  });

  it('every line written is masked: a password that reaches a message is never printed', async () => {
    // The user typed the password into --tz by mistake: the message quotes the value.
    const ran = await ews(
      ['whoami', '--server', server.url, '--user', 'alice@contoso.test', '--tz', ALICE, '--json'],
      {
        env: { EWS_PASSWORD: ALICE },
      },
    );
    expect(ran.code).toBe(1);
    expect(ran.stdout + ran.stderr).not.toContain(ALICE);
  });
});
