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
// against @ews/client's declarations with `skipLibCheck: false`. The declarations are built as
// `pnpm build` builds them (tsup with this package's config, into a temp dir) and installed in a
// temp app whose node_modules holds @ews/client and its dependencies, but not @ews/autodiscover.

const run = promisify(execFile);
const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const packagesDir = resolve(packageDir, '..');
const require = createRequire(import.meta.url);
const DEPENDENCIES = ['core', 'models', 'services'] as const;

let app: string;
let dist: string;

beforeAll(async () => {
  app = await mkdtemp(join(tmpdir(), 'ews-client-dts-'));
  const installed = join(app, 'node_modules', '@ews', 'client');
  dist = join(installed, 'dist');
  await mkdir(installed, { recursive: true });
  await cp(join(packageDir, 'package.json'), join(installed, 'package.json'));
  await Promise.all(
    DEPENDENCIES.map((name) =>
      symlink(join(packagesDir, name), join(app, 'node_modules', '@ews', name), 'dir'),
    ),
  );
  const tsupBin = join(dirname(require.resolve('tsup/package.json')), 'dist', 'cli-default.js');
  await run(process.execPath, [tsupBin, '--dts-only', '--out-dir', dist], {
    cwd: packageDir,
    timeout: 150_000,
    env: { ...process.env, NODE_OPTIONS: '' },
  });
}, 180_000);

afterAll(async () => {
  if (app) await rm(app, { recursive: true, force: true });
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

function compile(files: Record<string, string>): string[] {
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
    Object.keys(files).map((name) => join(app, name)),
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
    await writeFile(join(app, 'package.json'), '{ "name": "app", "private": true }\n');
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
});
