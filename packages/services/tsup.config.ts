import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: false, // docs/decisions/0005-no-source-maps-in-tarballs.md
  target: 'node20',
  splitting: false,
});
