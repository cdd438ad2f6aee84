import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadUndiciParts, UNDICI_PART_PATHS } from '../../src/transport/undici-parts.js';

// The transport loads only undici's Client and connector files, not its index (which loads fetch,
// WebSocket, caches and mocks: most of what importing undici costs; issue 16's cold import).
const require = createRequire(import.meta.url);
const undiciIndex = require('undici') as Record<string, unknown>;

function notFound(specifier: string): Error {
  return Object.assign(new Error(`Cannot find module '${specifier}'`), { code: 'MODULE_NOT_FOUND' });
}

describe('loadUndiciParts', () => {
  it("loads the very classes undici's index exports, from their own files (undici has not moved them)", () => {
    const asked: string[] = [];
    const parts = loadUndiciParts((specifier) => {
      asked.push(specifier);
      return require(specifier);
    });
    expect(asked).toEqual([UNDICI_PART_PATHS.Client, UNDICI_PART_PATHS.buildConnector]);
    expect(parts.Client).toBe(undiciIndex.Client);
    expect(parts.buildConnector).toBe(undiciIndex.buildConnector);
  });

  it("falls back to undici's index when a release moves the files", () => {
    const parts = loadUndiciParts((specifier) => {
      if (specifier !== 'undici') throw notFound(specifier);
      return require(specifier);
    });
    expect(parts.Client).toBe(undiciIndex.Client);
    expect(parts.buildConnector).toBe(undiciIndex.buildConnector);
  });

  it("falls back to undici's index when a file no longer holds the part", () => {
    const parts = loadUndiciParts((specifier) => (specifier === 'undici' ? require(specifier) : {}));
    expect(parts.Client).toBe(undiciIndex.Client);
    expect(parts.buildConnector).toBe(undiciIndex.buildConnector);
  });

  it('does not hide any other failure to load them', () => {
    expect(() =>
      loadUndiciParts(() => {
        throw new SyntaxError('Unexpected token');
      }),
    ).toThrow(SyntaxError);
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
