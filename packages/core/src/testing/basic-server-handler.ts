import { timingSafeEqual } from 'node:crypto';
import type { AuthServerHandler, AuthServerVerdict } from './auth-server-handler.js';
import { splitCredentials } from './auth-server-handler.js';

export interface BasicServerOptions {
  /** Password by user name. */
  readonly users: Readonly<Record<string, string>>;
  readonly realm?: string | undefined;
}

/** The server side of RFC 7617 Basic, with `charset="UTF-8"`. */
export function createBasicServerHandler(options: BasicServerOptions): AuthServerHandler {
  const realm = options.realm ?? 'EWS';
  return {
    scheme: 'Basic',
    challenges: () => [`Basic realm="${realm}", charset="UTF-8"`],
    verify({ authorization }): AuthServerVerdict {
      const credentials = splitCredentials(authorization);
      if (credentials?.scheme !== 'basic') return { ok: false };
      const decoded = Buffer.from(credentials.rest.trim(), 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon < 0) return { ok: false };
      const user = decoded.slice(0, colon);
      const expected = Object.hasOwn(options.users, user) ? options.users[user] : undefined;
      return expected !== undefined && sameText(decoded.slice(colon + 1), expected)
        ? { ok: true, user }
        : { ok: false };
    },
  };
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}
