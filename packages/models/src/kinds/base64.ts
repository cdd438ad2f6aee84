import { protocolError } from '../errors.js';
import { scalarKind } from './kind.js';

const BASE64 = /^[A-Za-z0-9+/\s]*={0,2}\s*$/;

/**
 * xs:base64Binary ⇄ bytes. Reading returns a Buffer (a Uint8Array) decoded straight from
 * the text; writing wraps the caller's bytes without copying them.
 */
export const base64 = scalarKind<Uint8Array>({
  name: 'base64',
  accepts: (value): value is Uint8Array => value instanceof Uint8Array,
  toText: (value) => Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64'),
  fromText(value, where) {
    if (!BASE64.test(value)) throw protocolError(`${where}: expected base64`);
    return Buffer.from(value, 'base64');
  },
});
