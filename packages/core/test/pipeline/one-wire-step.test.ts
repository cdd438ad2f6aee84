import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// createPipeline's last step is the ONE place a request meets the wire: it sends a leased request
// through its lease (connection-bound auth) and gives the answer a redactor of what the request
// carried. A package that composes a pipeline and copies that step by hand drifts from it (the
// copy in autodiscover did both by hand). This scans every package's and example's sources.

const ROOT = join(import.meta.dirname, '..', '..', '..', '..');
const THE_WIRE_STEP = 'packages/core/src/pipeline/pipeline.ts';
/** Routing a request by its lease, or wrapping an answer's redact in the request's secrets. */
const HAND_ROUTING = /\.lease\s*\?|\.lease\??\.send\(|(?<!function )requestSecretsRedactor\(/;

function sources(directory: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(directory)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const path = join(directory, name);
    if (statSync(path).isDirectory()) found.push(...sources(path));
    else if (/\.(ts|mts|js|mjs)$/.test(name) && !name.endsWith('.d.ts')) found.push(path);
  }
  return found;
}

describe('one wire step (createPipeline routes leases and masks request secrets)', () => {
  it('no source outside core/src/pipeline/pipeline.ts routes by request.lease or wraps redact by hand', () => {
    const roots = ['packages', 'examples'].flatMap((top) =>
      readdirSync(join(ROOT, top)).map((name) => join(ROOT, top, name, 'src')),
    );
    const files = roots
      .filter((root) => statSync(root, { throwIfNoEntry: false })?.isDirectory())
      .flatMap(sources);
    expect(files.length).toBeGreaterThan(100);
    const offenders = files
      .map((file) => relative(ROOT, file).split('\\').join('/'))
      .filter((file) => file !== THE_WIRE_STEP)
      .filter((file) => HAND_ROUTING.test(readFileSync(join(ROOT, file), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('the wire step itself still does both (the pattern is not stale)', () => {
    expect(readFileSync(join(ROOT, THE_WIRE_STEP), 'utf8')).toMatch(HAND_ROUTING);
  });
});
