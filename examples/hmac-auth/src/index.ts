export { createHmacAuth, type HmacAuthOptions } from './hmac-auth.js';
export { HMAC_SCHEME, type SignedParts, sign, stringToSign } from './string-to-sign.js';
