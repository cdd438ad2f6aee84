/** The src/ entry of each `exports` target of packages/<name>/package.json. */
export function packageEntries(packagesDir: string): string[];

/**
 * `file: what` for every way an entry exposes `internal/` (an export from an `internal/` path, or
 * an exported name declared under src/**\/internal/), sorted; empty when none does.
 */
export function internalExportsOf(entries: readonly string[], base: string): string[];
