/** What an identifier attribute becomes (exchangelib's anonymizing log handler uses the same). */
export const ANONYMIZED_ID = 'DEADBEEF=';
/** What a forbidden string, an address or a secret element's content becomes. */
export const REMOVED = '[REMOVED]';

/** Attributes holding item/folder identifiers: long-lived handles to someone's mail. */
export const ANONYMIZED_ID_ATTRIBUTES: readonly string[] = Object.freeze([
  'RootItemId',
  'ItemId',
  'Id',
  'RootItemChangeKey',
  'ChangeKey',
]);

/** Elements (local names) whose whole content is a credential. */
export const SECRET_ELEMENTS: readonly string[] = Object.freeze([
  'Password',
  'NewPassword',
  'OldPassword',
  'BinarySecurityToken',
  'Token',
  'AccessToken',
  'RefreshToken',
]);

export interface AnonymizeXmlOptions {
  /** Strings to remove wherever they appear in text or attribute values (user names, server names…). */
  readonly forbiddenStrings?: readonly string[] | undefined;
  /**
   * Replace e-mail addresses. Default true: a trace is for seeing the shape of an
   * exchange, and addresses identify people. Set false when debugging routing.
   */
  readonly emails?: boolean | undefined;
}

const ID_ATTRIBUTE = new RegExp(
  `(\\s(?:${ANONYMIZED_ID_ATTRIBUTES.join('|')}))(\\s*=\\s*)("[^"]*"|'[^']*')`,
  'g',
);
const SECRET_ELEMENT = new RegExp(
  `(<((?:[\\w.-]+:)?(?:${SECRET_ELEMENTS.join('|')}))(?:\\s[^>]*)?>)[\\s\\S]*?(</\\2\\s*>)`,
  'g',
);
// A trace cut short inside a credential element: drop everything after its start tag.
const UNCLOSED_SECRET_ELEMENT = new RegExp(
  `(<((?:[\\w.-]+:)?(?:${SECRET_ELEMENTS.join('|')}))(?:\\s[^>]*)?>)(?:(?!</\\2\\s*>)[\\s\\S])+$`,
);
// Bounded parts (RFC 5321 limits) keep the scan linear on long text such as base64 content.
const EMAIL = /[\w.!#$%&'*+/=?^`{|}~-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,8}/g;
const TEXT_OR_ATTRIBUTE_VALUE = /(>)([^<]+)|(=\s*")([^"]*)(")|(=\s*')([^']*)(')/g;

/**
 * Anonymizes a SOAP document for a trace log, keeping its structure: identifier
 * attributes become DEADBEEF=, forbidden strings and e-mail addresses become
 * [REMOVED] in text and attribute values, and credential elements lose their content.
 * A regex pass on purpose: it must also work on truncated or malformed XML.
 */
export function anonymizeXml(xml: string, options: AnonymizeXmlOptions = {}): string {
  // Longest first, so a forbidden string containing another is removed whole.
  const forbidden = (options.forbiddenStrings ?? [])
    .filter((text) => text.length > 0)
    .sort((a, b) => b.length - a.length);
  const emails = options.emails ?? true;
  const clean = (text: string): string => {
    let result = text;
    for (const word of forbidden) result = result.split(word).join(REMOVED);
    // Base64 has no '@': attachment and MIME content skip the address scan entirely.
    return emails && result.includes('@') ? result.replace(EMAIL, REMOVED) : result;
  };
  return xml
    .replace(SECRET_ELEMENT, `$1${REMOVED}$3`)
    .replace(UNCLOSED_SECRET_ELEMENT, `$1${REMOVED}`)
    .replace(ID_ATTRIBUTE, `$1$2"${ANONYMIZED_ID}"`)
    .replace(
      TEXT_OR_ATTRIBUTE_VALUE,
      (
        match,
        gt?: string,
        text?: string,
        eqDq?: string,
        dq?: string,
        endDq?: string,
        eqSq?: string,
        sq?: string,
        endSq?: string,
      ) => {
        if (gt !== undefined && text !== undefined) return gt + clean(text);
        if (eqDq !== undefined && dq !== undefined) return eqDq + clean(dq) + endDq;
        if (eqSq !== undefined && sq !== undefined) return eqSq + clean(sq) + endSq;
        return match;
      },
    );
}
