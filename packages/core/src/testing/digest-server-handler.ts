import { createHash, randomBytes } from 'node:crypto';
import type { AuthServerHandler, AuthServerRequest, AuthServerVerdict } from './auth-server-handler.js';
import { splitCredentials } from './auth-server-handler.js';

/** Hash function and session flag per RFC 7616 algorithm name. Written apart from the client on purpose. */
const SERVER_ALGORITHMS = {
  MD5: { hash: 'md5', session: false },
  'MD5-sess': { hash: 'md5', session: true },
  'SHA-256': { hash: 'sha256', session: false },
  'SHA-256-sess': { hash: 'sha256', session: true },
} as const;

export type DigestServerAlgorithm = keyof typeof SERVER_ALGORITHMS;

export interface DigestServerOptions {
  /** Password by user name. */
  readonly users: Readonly<Record<string, string>>;
  readonly realm?: string | undefined;
  readonly algorithm?: DigestServerAlgorithm | undefined;
  /** `auth` (default) or `none` for a legacy RFC 2069 server that sends no qop. */
  readonly qop?: 'auth' | 'none' | undefined;
  /** Ask the client to hash the user name (RFC 7616 `userhash=true`). */
  readonly userhash?: boolean | undefined;
  /** After this many requests a nonce is stale (answered with `stale=true`). Default: never. */
  readonly nonceMaxUses?: number | undefined;
}

interface NonceState {
  uses: number;
  /** Highest nonce count seen, to refuse replays. */
  lastNc: number;
}

/** The server side of RFC 7616 Digest (and RFC 2069 without qop). */
export function createDigestServerHandler(options: DigestServerOptions): AuthServerHandler {
  const realm = options.realm ?? 'EWS';
  const algorithmName = options.algorithm ?? 'MD5';
  const algorithm = SERVER_ALGORITHMS[algorithmName];
  const withQop = (options.qop ?? 'auth') === 'auth';
  const opaque = randomBytes(8).toString('hex');
  const nonces = new Map<string, NonceState>();
  const hash = (text: string): string => createHash(algorithm.hash).update(text, 'utf8').digest('hex');

  function challenge(stale: boolean): string {
    const nonce = randomBytes(18).toString('base64');
    nonces.set(nonce, { uses: 0, lastNc: 0 });
    const fields = [`realm="${realm}"`];
    if (withQop) fields.push('qop="auth"');
    fields.push(`algorithm=${algorithmName}`, `nonce="${nonce}"`, `opaque="${opaque}"`);
    if (options.userhash) fields.push('userhash=true');
    if (stale) fields.push('stale=true');
    return `Digest ${fields.join(', ')}`;
  }

  function findUser(fields: Record<string, string>): string | undefined {
    const names = Object.keys(options.users);
    if (fields.userhash === 'true') return names.find((name) => hash(`${name}:${realm}`) === fields.username);
    const extended = fields['username*'];
    const name = extended === undefined ? fields.username : decodeExtended(extended);
    return name !== undefined && names.includes(name) ? name : undefined;
  }

  function verify(request: AuthServerRequest): AuthServerVerdict {
    const credentials = splitCredentials(request.authorization);
    if (credentials?.scheme !== 'digest') return { ok: false };
    const fields = parseFields(credentials.rest);
    const user = findUser(fields);
    const nonce = fields.nonce ?? '';
    const state = nonces.get(nonce);
    if (user === undefined || !state || fields.realm !== realm || fields.uri !== request.url)
      return { ok: false };
    if ((fields.algorithm ?? 'MD5').toLowerCase() !== algorithmName.toLowerCase()) return { ok: false };
    if (fields.opaque !== opaque) return { ok: false };

    const cnonce = fields.cnonce ?? '';
    let ha1 = hash(`${user}:${realm}:${options.users[user]}`);
    if (algorithm.session) ha1 = hash(`${ha1}:${nonce}:${cnonce}`);
    const ha2 = hash(`${request.method}:${request.url}`);
    let expected: string;
    if (withQop) {
      const nc = Number.parseInt(fields.nc ?? '', 16);
      if (fields.qop !== 'auth' || !cnonce || !(nc > state.lastNc)) return { ok: false };
      expected = hash(`${ha1}:${nonce}:${fields.nc}:${cnonce}:auth:${ha2}`);
      if (expected === fields.response) state.lastNc = nc;
    } else {
      expected = hash(`${ha1}:${nonce}:${ha2}`);
    }
    if (expected !== fields.response) return { ok: false };
    state.uses += 1;
    if (options.nonceMaxUses !== undefined && state.uses > options.nonceMaxUses)
      return { ok: false, stale: true };
    return { ok: true, user };
  }

  return { scheme: 'Digest', challenges: ({ stale }) => [challenge(stale)], verify };
}

/** `name=value` / `name="quoted \" value"` pairs of a Digest credentials header. */
function parseFields(text: string): Record<string, string> {
  const fields: Record<string, string> = {};
  const pattern = /([A-Za-z0-9*_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))/g;
  for (const match of text.matchAll(pattern)) {
    const name = (match[1] ?? '').toLowerCase();
    fields[name] = match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : (match[3] ?? '');
  }
  return fields;
}

/** RFC 8187 `UTF-8''percent-encoded`. */
function decodeExtended(value: string): string | undefined {
  const match = /^UTF-8''(.*)$/i.exec(value);
  try {
    return match ? decodeURIComponent(match[1] ?? '') : undefined;
  } catch {
    return undefined;
  }
}
