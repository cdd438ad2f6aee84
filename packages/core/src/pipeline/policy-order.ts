/**
 * The documented order of the built-in policies, outermost first (the transport comes
 * after the last one):
 * - `userAgent`: identifies the client once per call; nothing below needs to change it.
 * - `requestId`: one `client-request-id` per call, outside retry, so every attempt of a
 *   call carries the same id and server logs can be matched to it.
 * - `affinity`: routing headers and the back-end cookie are per call and per client.
 * - `retry`: outside auth, so a 401 handshake is never counted as a retry and every
 *   retry is authorized afresh (new nonce, fresh token, a new NTLM handshake).
 * - `auth`: authorizes each attempt, answering 401 challenges itself.
 * - `logging`: nearest the wire, so it sees every exchange: each attempt and each
 *   handshake leg, with the headers really sent (and redacted).
 */
export const DEFAULT_POLICY_ORDER = Object.freeze([
  'userAgent',
  'requestId',
  'affinity',
  'retry',
  'auth',
  'logging',
] as const);

/** The name of a built-in policy. */
export type BuiltInPolicyName = (typeof DEFAULT_POLICY_ORDER)[number];
