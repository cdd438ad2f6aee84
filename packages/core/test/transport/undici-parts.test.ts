import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildConnector, Client, UNDICI_PART_PATHS } from '../../src/transport/undici-parts.js';

// The transport loads only undici's Client and connector files, not its index (which loads fetch,
// WebSocket, caches and mocks: most of what importing undici costs; issue 16's cold import).
const require = createRequire(import.meta.url);
const undiciIndex = require('undici') as Record<string, unknown>;
const packageDir = fileURLToPath(new URL('../..', import.meta.url));

describe('the undici parts the transport uses', () => {
  it("are the very classes undici's index exports, from their own files (undici has not moved them)", () => {
    expect(Client).toBe(undiciIndex.Client);
    expect(buildConnector).toBe(undiciIndex.buildConnector);
    expect(require(UNDICI_PART_PATHS.Client)).toBe(undiciIndex.Client);
    expect(require(UNDICI_PART_PATHS.buildConnector)).toBe(undiciIndex.buildConnector);
  });

  it("leave undici's index unloaded when the built @ews/core is imported (what that saves)", () => {
    // A fresh process (this file loads the index itself to compare against); the package's dist,
    // as an application imports it (`npm test` builds first).
    const probe = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        'const core = await import("@ews/core");' +
          'const { createRequire } = await import("node:module");' +
          'const require = createRequire(import.meta.url);' +
          'const index = require.resolve("undici");' +
          'console.log(JSON.stringify({ transport: typeof core.createUndiciTransport, index: index in require.cache }));',
      ],
      { cwd: packageDir, encoding: 'utf8' },
    );
    expect(probe.stderr).toBe('');
    expect(JSON.parse(probe.stdout)).toEqual({ transport: 'function', index: false });
  });
});

describe("core's sources", () => {
  it('take values from undici only through undici-parts.ts (types may come from its index)', () => {
    const src = fileURLToPath(new URL('../../src', import.meta.url));
    const offenders: string[] = [];
    for (const name of readdirSync(src, { recursive: true }) as string[]) {
      if (!name.endsWith('.ts') || name === join('transport', 'undici-parts.ts')) continue;
      const text = readFileSync(join(src, name), 'utf8');
      const valueImports = text.match(/^import (?!type )[^;]*from 'undici[^']*';/gm) ?? [];
      for (const line of valueImports) {
        // `import { type A, type B } from 'undici'` brings no value either.
        const names = /\{([^}]*)\}/.exec(line)?.[1]?.split(',') ?? ['*'];
        if (names.some((part) => part.trim() !== '' && !part.trim().startsWith('type '))) {
          offenders.push(`${relative(src, join(src, name))}: ${line}`);
        }
      }
      if (/\b(?:require|import)\(\s*'undici/.test(text)) offenders.push(`${name}: dynamic load of undici`);
    }
    expect(offenders).toEqual([]);
  });
});
