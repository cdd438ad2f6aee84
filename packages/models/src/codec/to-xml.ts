import type { XmlFragment } from '@ews/core';
import { invalidArgument } from '../errors.js';
import type { WriteMode } from '../kinds/kind.js';
import type { InferModel, Model } from '../schema/define-model.js';
import { type ExchangeVersion, isExchangeVersion } from '../versions/exchange-version.js';
import { typesQname, writeModelElement } from './model-codec.js';

export interface ToXmlOptions {
  /** The RequestServerVersion the XML is for; fields newer than it are refused. */
  readonly version: ExchangeVersion;
  /** `create` (default) leaves read-only fields out; `full` writes every set field. */
  readonly mode?: WriteMode;
}

/**
 * One `<t:{xmlName}>` element with the set fields in table (= schema) order, as an XmlFragment
 * (put it into a request with @ews/core's `el()`/`fragments()`; `.xml` is its text). Throws
 * EWS_INVALID_ARGUMENT for an unknown property, a wrongly typed value, or a field the
 * target version does not know.
 */
export function toXml<M extends Model>(model: M, value: InferModel<M>, options: ToXmlOptions): XmlFragment {
  if (!isExchangeVersion(options.version))
    throw invalidArgument('toXml: options.version is not an Exchange version');
  const mode = options.mode ?? 'create';
  if (mode !== 'create' && mode !== 'full')
    throw invalidArgument("toXml: options.mode must be 'create' or 'full'");
  return writeModelElement(
    model,
    typesQname(model.xmlName),
    value,
    { version: options.version, mode },
    model.xmlName,
  );
}
