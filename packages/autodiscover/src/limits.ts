// What discovery accepts from the network, at most. Everything an Autodiscover server, an HTTP
// redirect, a DNS record or a cache store hands us is a hint anyone on the path can forge, so
// each is bounded here, in one place, far above what a real server sends.

/**
 * Default `maxResponseBytes`: the largest Autodiscover answer read. Real answers are a few KiB
 * (a SOAP GetUserSettings answer with every setting is under 20 KiB; a POX answer listing many
 * alternate mailboxes stays well under 100 KiB).
 */
export const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;

/** The longest URL taken from an answer, a Location header or a cache store (characters). */
export const MAX_URL_LENGTH = 2048;

/** The longest redirect address followed (RFC 5321's limit on a forward path, 256, minus `<>`). */
export const MAX_SMTP_ADDRESS_LENGTH = 254;

/** SRV targets tried per domain, at most (in RFC 2782 order; the rest are dropped). */
export const MAX_SRV_TARGETS = 10;

/** A DNS name is at most 253 characters (RFC 1035, without the final dot). */
export const MAX_DNS_NAME_LENGTH = 253;

/** The longest detail a trace step carries: server texts are cut, never copied whole into errors. */
export const MAX_STEP_DETAIL_LENGTH = 500;

/** `text` as is when it fits, else its first `max` characters and an ellipsis. */
export function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
