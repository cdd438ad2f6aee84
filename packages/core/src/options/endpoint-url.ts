import { EwsInvalidArgumentError } from '../errors/error-classes.js';

/**
 * An http(s) endpoint given as an option, parsed. A user name or password in it
 * (`https://user:pw@host/…`) is refused: it would not be sent (undici ignores it), yet it would
 * sit in every object that keeps the URL and in anything that prints one. Credentials go in
 * `auth` (core) or `credentials` (@ews/client). Neither message nor cause repeats the URL.
 */
export function endpointUrl(name: string, value: unknown): URL {
  let parsed: URL;
  try {
    if (typeof value !== 'string' && !(value instanceof URL)) throw new TypeError('not a URL');
    parsed = new URL(String(value));
  } catch {
    // No cause: the parser's message repeats the URL.
    throw new EwsInvalidArgumentError(`${name} must be an http(s) URL of the EWS endpoint`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new EwsInvalidArgumentError(`${name} must be an http(s) URL of the EWS endpoint`);
  }
  if (parsed.username !== '' || parsed.password !== '') {
    throw new EwsInvalidArgumentError(
      `${name} must not contain a user name or password (user:password@host): they would not be sent. ` +
        'Pass them as auth (e.g. createBasicAuth({ username, password })) or as Credentials',
    );
  }
  return parsed;
}
