import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

/**
 * The tmux tests run the built binary (`node dist/bin.js`), as a user would. turbo builds the
 * package before its tests (packages/cli/turbo.json); a direct `vitest run` after editing src
 * builds it here, so a test never runs yesterday's binary.
 */
export default function setup(): void {
  let built = 0;
  try {
    built = statSync(join(root, 'dist', 'bin.js')).mtimeMs;
  } catch {
    built = 0;
  }
  if (built < newest(join(root, 'src'))) {
    execFileSync('pnpm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  }
}
