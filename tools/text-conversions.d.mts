/**
 * Every hand-made text-to-value conversion in a package's source (`new Date(x)`, `Date.parse`,
 * `Number(x)`, `parseInt`, `parseFloat`, unary `+x`) as sorted `file: expression` entries.
 */
export function textConversionsIn(sourceDir: string): string[];
