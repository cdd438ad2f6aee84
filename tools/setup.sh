#!/usr/bin/env bash
# One-command setup for a fresh clone (Debian 12, Node 20), without running anything after it: the
# Debian packages the tests and the auth lab use (when run as root), the pnpm version pinned in
# package.json, the dependencies from the lockfile, and a build of every package. `npm test` and
# `npm run demo` do the same first (tools/bootstrap.mjs); each step is skipped when it is done.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
exec node tools/bootstrap.mjs
