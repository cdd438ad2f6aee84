import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// @ews/autodiscover is an optional peer: an app that does not install it must still type-check
// against @ews/client's declarations with `skipLibCheck: false`, and an app that has it must see
// the very same types. The declarations are built as `pnpm build` builds them (tsup with this
// package's config, then tools/bundle-declarations.mjs inlining @ews/autodiscover's types) into a
// folder inside this package (where @ews/autodiscover resolves, as in the workspace), then
// installed in two temp apps: one whose node_modules holds @ews/client and its dependencies but
// not @ews/autodiscover, and one that has @ews/autodiscover as well.

const run = promisify(execFile);
const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const packagesDir = resolve(packageDir, '..');
const require = createRequire(import.meta.url);
const DEPENDENCIES = ['core', 'models', 'services'] as const;

let app: string;
let appWithAutodiscover: string;
let dist: string;

async function install(withAutodiscover: boolean, built: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'ews-client-dts-'));
  const installed = join(dir, 'node_modules', '@ews', 'client');
  await mkdir(installed, { recursive: true });
  await cp(join(packageDir, 'package.json'), join(installed, 'package.json'));
  await cp(built, join(installed, 'dist'), { recursive: true });
  const linked = withAutodiscover ? [...DEPENDENCIES, 'autodiscover'] : DEPENDENCIES;
  await Promise.all(
    linked.map((name) => symlink(join(packagesDir, name), join(dir, 'node_modules', '@ews', name), 'dir')),
  );
  await writeFile(join(dir, 'package.json'), '{ "name": "app", "private": true }\n');
  return dir;
}

beforeAll(async () => {
  const cache = join(packageDir, 'node_modules', '.cache');
  await mkdir(cache, { recursive: true });
  const built = await mkdtemp(join(cache, 'declarations-test-'));
  try {
    const tsupBin = join(dirname(require.resolve('tsup/package.json')), 'dist', 'cli-default.js');
    const env = { ...process.env, NODE_OPTIONS: '' };
    await run(process.execPath, [tsupBin, '--dts-only', '--out-dir', built], {
      cwd: packageDir,
      timeout: 150_000,
      env,
    });
    const bundler = join(packagesDir, '..', 'tools', 'bundle-declarations.mjs');
    await run(process.execPath, [bundler, '--bundle', '@ews/autodiscover', '--dir', built], {
      cwd: packageDir,
      timeout: 150_000,
      env,
    });
    app = await install(false, built);
    appWithAutodiscover = await install(true, built);
    dist = join(app, 'node_modules', '@ews', 'client', 'dist');
  } finally {
    await rm(built, { recursive: true, force: true });
  }
}, 240_000);

afterAll(async () => {
  if (app) await rm(app, { recursive: true, force: true });
  if (appWithAutodiscover) await rm(appWithAutodiscover, { recursive: true, force: true });
});

const ESM_CONSUMER = `
import { Account, AccountDiscovery, Credentials, discover, type AutodiscoverResult } from '@ews/client';

export async function open(password: string): Promise<readonly string[]> {
  const credentials = new Credentials('alice@contoso.test', password);
  const discovery = new AccountDiscovery({
    discovery: {
      dns: { resolveSrv: async () => [{ priority: 0, weight: 0, port: 443, name: 'mail.contoso.test' }] },
      redirectPolicy: { allowHosts: ['*.contoso.test'], allow: (url) => url.protocol === 'https:' },
      cache: false,
      protocols: ['soap'],
    },
    configuration: { connections: 4 },
  });
  const account = await Account.create({ primarySmtpAddress: 'alice@contoso.test', credentials, autodiscover: discovery });
  const found: AutodiscoverResult = await discover('bob@contoso.test', credentials);
  const version: string | undefined = account.autodiscoverResult?.serverVersion?.apiVersion;
  await discovery.close();
  return [found.ewsUrl, version ?? '', ...(account.autodiscoverResult?.trace.map((step) => step.source) ?? [])];
}
`;

const CJS_CONSUMER = `
import { Account, type AccountOptions } from '@ews/client';

export function options(): AccountOptions {
  return { primarySmtpAddress: 'alice@contoso.test', autodiscover: { discovery: { stepTimeoutMs: 5000 } } };
}
export const create = Account.create;
`;

// The client's copies of @ews/autodiscover's types are the package's own, once it is installed:
// identical (not only assignable), in an ESM and a CommonJS module.
const SAME_TYPES = `
import type * as Client from '@ews/client';
import type * as Autodiscover from '@ews/autodiscover';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

export const same: [
  Equal<Client.AutodiscoverResult, Autodiscover.AutodiscoverResult>,
  Equal<Client.AutodiscoverStep, Autodiscover.AutodiscoverStep>,
  Equal<Client.StepSource, Autodiscover.StepSource>,
  Equal<Client.StepOutcome, Autodiscover.StepOutcome>,
  Equal<Client.DiscoveredServerVersion, Autodiscover.DiscoveredServerVersion>,
  Equal<Client.AutodiscoverProtocol, Autodiscover.AutodiscoverProtocol>,
  Equal<Client.SrvRecord, Autodiscover.SrvRecord>,
  Equal<Client.SrvResolver, Autodiscover.SrvResolver>,
  Equal<Client.CachedEndpoint, Autodiscover.CachedEndpoint>,
  Equal<Client.AutodiscoverCache, Autodiscover.AutodiscoverCache>,
  Equal<Client.RedirectPolicy, Autodiscover.RedirectPolicy>,
  Equal<Client.AutodiscoverTransportOption, Autodiscover.AutodiscoverTransportOption>,
  Equal<Client.DiscoveryOptions, Omit<Autodiscover.AutodiscoverOptions, 'auth' | 'tls'>>,
] = [true, true, true, true, true, true, true, true, true, true, true, true, true];

export function roundTrip(found: Autodiscover.AutodiscoverResult, options: Autodiscover.AutodiscoverOptions): Autodiscover.AutodiscoverResult {
  const seen: Client.AutodiscoverResult = found;
  const discovery: Client.DiscoveryOptions = options;
  const back: Omit<Autodiscover.AutodiscoverOptions, 'auth' | 'tls'> = discovery;
  return back.cache === false ? seen : found;
}
`;

function compile(files: Record<string, string>, dir = app): string[] {
  const options: ts.CompilerOptions = {
    strict: true,
    skipLibCheck: false,
    noEmit: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2023.d.ts'],
    types: ['node'],
    typeRoots: [join(packagesDir, '..', 'node_modules', '@types')],
  };
  const program = ts.createProgram(
    Object.keys(files).map((name) => join(dir, name)),
    options,
  );
  return ts
    .getPreEmitDiagnostics(program)
    .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
}

describe('the built type declarations', () => {
  it('do not import the optional @ews/autodiscover', async () => {
    for (const file of ['index.d.ts', 'index.d.cts']) {
      const text = await readFile(join(dist, file), 'utf8');
      expect(text).toContain('declare class AccountDiscovery');
      expect(text).not.toMatch(/from ['"]@ews\/autodiscover['"]|import\(['"]@ews\/autodiscover['"]\)/);
    }
  });

  it('type-check an ESM and a CommonJS app without @ews/autodiscover, with skipLibCheck: false', async () => {
    const files = { 'app.mts': ESM_CONSUMER, 'app.cts': CJS_CONSUMER };
    await Promise.all(Object.entries(files).map(([name, text]) => writeFile(join(app, name), text)));
    // The app really cannot see @ews/autodiscover (so the check below means something).
    const lookup = ts.resolveModuleName(
      '@ews/autodiscover',
      join(dist, 'index.d.ts'),
      { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext },
      ts.sys,
    );
    expect(lookup.resolvedModule).toBeUndefined();
    expect(compile(files)).toEqual([]);
  }, 120_000);

  it('are the types of @ews/autodiscover in an app that installs it (ESM and CommonJS)', async () => {
    const files = { 'same.mts': SAME_TYPES, 'same.cts': SAME_TYPES, 'app.mts': ESM_CONSUMER };
    await Promise.all(
      Object.entries(files).map(([name, text]) => writeFile(join(appWithAutodiscover, name), text)),
    );
    expect(compile(files, appWithAutodiscover)).toEqual([]);
  }, 120_000);
});
