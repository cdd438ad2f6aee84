#!/usr/bin/env bash
# One-command setup for a fresh clone (Debian 12, Node 20): the Debian packages the tests
# and the auth lab use (when run as root), the pnpm version pinned in package.json, the
# dependencies from the lockfile, and a build of every package.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [ "$(id -u)" = 0 ]; then
  bash tools/ci/install-system-packages.sh
else
  echo "setup: not root, skipping Debian packages (see tools/ci/install-system-packages.sh)"
fi

PNPM_VERSION=$(node -p "require('./package.json').packageManager.split('@')[1]")
if [ "$(pnpm --version 2>/dev/null || true)" != "$PNPM_VERSION" ]; then
  npm install -g "pnpm@$PNPM_VERSION" --no-fund --no-audit
fi

pnpm install --frozen-lockfile
pnpm build
