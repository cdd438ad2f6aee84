import type { AuthServerHandler, AuthServerVerdict } from './auth-server-handler.js';
import { splitCredentials } from './auth-server-handler.js';

export interface BearerServerOptions {
  /** User by accepted token; change the object between requests to revoke tokens. */
  readonly tokens: Readonly<Record<string, string>>;
}

/** The server side of RFC 6750 Bearer against a fixed token table. */
export function createBearerServerHandler(options: BearerServerOptions): AuthServerHandler {
  return {
    scheme: 'Bearer',
    challenges: () => ['Bearer realm="EWS", error="invalid_token"'],
    verify({ authorization }): AuthServerVerdict {
      const credentials = splitCredentials(authorization);
      if (credentials?.scheme !== 'bearer') return { ok: false };
      const token = credentials.rest.trim();
      const user = Object.hasOwn(options.tokens, token) ? options.tokens[token] : undefined;
      return user === undefined ? { ok: false } : { ok: true, user };
    },
  };
}
