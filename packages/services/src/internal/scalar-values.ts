import { childText, type XmlNode } from '@ews/core';
import type { ScalarKind } from '@ews/models';

/*
 * Booleans, integers and dates in operation answers are read by @ews/models' scalar kinds
 * (`boolean`, `int`, `dateTime`), as item fields are: `1`/`0` are booleans too, and a malformed
 * value is an EWS_PROTOCOL error naming where it was (`MailTips.MailboxFull: expected an
 * xs:boolean`) instead of a silent `false` or `NaN`.
 */

/** The child's text read by `kind`, or undefined when there is no such child. */
export function childValue<T>(
  node: XmlNode | undefined,
  name: string,
  kind: ScalarKind<T>,
  where: string,
): T | undefined {
  const text = childText(node, name);
  return text === undefined ? undefined : kind.fromText(text, `${where}.${name}`);
}

/** The attribute read by `kind`, or undefined when it is absent. */
export function attributeValue<T>(
  node: XmlNode | undefined,
  name: string,
  kind: ScalarKind<T>,
  where: string,
): T | undefined {
  const text = node?.attributes[name];
  return text === undefined ? undefined : kind.fromText(text, `${where}@${name}`);
}
