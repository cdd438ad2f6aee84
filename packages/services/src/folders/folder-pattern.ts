import { EwsInvalidArgumentError } from '@ews/core';

/**
 * A shell-style name pattern (`*`, `?`, `[abc]`, `[!abc]`) as a matcher, case-insensitive because
 * Exchange compares folder names case-insensitively (exchangelib's `glob()` lowercases both sides
 * before `fnmatch`).
 */
export function folderNameMatcher(pattern: string): (name: string) => boolean {
  let source = '';
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index] as string;
    if (char === '*') source += '.*';
    else if (char === '?') source += '.';
    else if (char === '[') {
      const end = pattern.indexOf(']', index + 2);
      if (end === -1) {
        source += '\\[';
        continue;
      }
      let body = pattern.slice(index + 1, end);
      const negate = body.startsWith('!');
      if (negate) body = body.slice(1);
      source += `[${negate ? '^' : ''}${body.replace(/[\\\]^]/g, '\\$&')}]`;
      index = end;
    } else source += char.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
  }
  const regex = new RegExp(`^${source}$`, 'is');
  return (name) => regex.test(name);
}

/** Exchange folder names are unique per parent, compared case-insensitively. */
export function sameFolderName(a: string | undefined, b: string): boolean {
  return a !== undefined && a.toLowerCase() === b.toLowerCase();
}

/** `'a/b//c/'` → `['a', 'b', 'c']`; a leading `/` is reported as `absolute`. */
export function splitFolderPath(path: string): { readonly absolute: boolean; readonly segments: string[] } {
  if (typeof path !== 'string') throw new EwsInvalidArgumentError('A folder path must be a string');
  return { absolute: path.startsWith('/'), segments: path.split('/').filter((segment) => segment !== '') };
}
