import { throwIfAborted } from './abort.js';
import type { AuthHeaders, AuthRequest, AuthStrategy } from './strategy.js';
import { AUTH_SPEC_VERSION, type AuthContext } from './strategy.js';
import { requireCredentialString, requireOptionsObject } from './validate-credentials.js';

export interface BasicAuthOptions {
  readonly username: string;
  readonly password: string;
}

/**
 * HTTP Basic (RFC 7617), sent pre-emptively on every request as UTF-8. The password is
 * replayable, so core refuses plain http unless the client explicitly allows it.
 * The encoded credentials live in a #private field: inspecting or serializing the
 * strategy never shows them.
 */
class BasicAuth implements AuthStrategy {
  readonly specVersion = AUTH_SPEC_VERSION;
  readonly scheme = 'Basic';
  readonly binding = 'request';
  readonly sendsReusableSecret = true;
  readonly #authorization: string;

  constructor(username: string, password: string) {
    this.#authorization = `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
  }

  authorize(_request: AuthRequest, context: AuthContext): AuthHeaders {
    throwIfAborted(context.signal);
    return { authorization: this.#authorization };
  }

  /** Credentials always went out pre-emptively, so a 401 means they were refused: give up. */
  onChallenge(): undefined {
    return undefined;
  }

  toJSON(): Record<string, string> {
    return { specVersion: this.specVersion, scheme: this.scheme };
  }
}

/** Creates a Basic auth strategy. Throws EwsInvalidArgumentError for unusable credentials. */
export function createBasicAuth(options: BasicAuthOptions): AuthStrategy {
  const fields = requireOptionsObject(options, 'createBasicAuth');
  const username = requireCredentialString(fields.username, 'username', {
    forbidden: [[':', 'Basic auth separates user name and password with a colon (RFC 7617)']],
  });
  const password = requireCredentialString(fields.password, 'password', { allowEmpty: true });
  return new BasicAuth(username, password);
}
