import { defineConfig } from 'tsup';

// ESM only: a command-line tool is run, not required. `bin` gets the shebang.
export default defineConfig({
  entry: { index: 'src/index.ts', bin: 'src/bin.ts' },
  format: ['esm'],
  dts: { entry: { index: 'src/index.ts' } },
  clean: true,
  sourcemap: false,
  target: 'node20',
  splitting: false,
});
