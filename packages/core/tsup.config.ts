import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';
import { asciiComments } from '../../tools/ascii-dist.mjs';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string;
};

export default defineConfig({
  entry: { index: 'src/index.ts', 'testing/index': 'src/testing/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: false, // docs/decisions/0005-no-source-maps-in-tarballs.md
  target: 'node20',
  splitting: false,
  // ASCII-only output: V8 reads a file with one non-ASCII comment character as two-byte (cold start).
  onSuccess: async () => asciiComments(new URL('./dist', import.meta.url).pathname),
  define: { __EWS_CORE_VERSION__: JSON.stringify(version) },
});
