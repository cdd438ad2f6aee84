import { invalidArgument } from '../errors.js';
import { isScalarKind, type Kind } from '../kinds/kind.js';
import type { ExchangeVersion } from '../versions/exchange-version.js';

export interface FieldFlags {
  /** Set by the server; never written on create. */
  readonly readOnly: boolean;
  /** Writable on a draft, frozen once the message is sent. */
  readonly readOnlyAfterSend: boolean;
  /** May appear in a Restriction. */
  readonly searchable: boolean;
  /** exchangelib's "required": always has a value (the server supplies a default). */
  readonly required: boolean;
  /** The value is a list. */
  readonly list: boolean;
  /** Travels as an XML attribute rather than a child element. */
  readonly attribute: boolean;
  /** FindItem cannot return it; it needs GetItem. */
  readonly complex: boolean;
}

/** One property of a model: everything the codec, shapes and queries need to know about it. */
export interface FieldDef<N extends string = string, T = unknown> {
  /** The camelCase TypeScript property name. */
  readonly name: N;
  /** The element (or attribute) name on the wire, without prefix. */
  readonly xmlName: string;
  /** The FieldURI used in shapes, restrictions and updates (e.g. `calendar:Start`), if any. */
  readonly fieldUri: string | undefined;
  readonly kind: Kind<T>;
  /** The oldest RequestServerVersion that knows the field; undefined = every version. */
  readonly minVersion: ExchangeVersion | undefined;
  readonly flags: FieldFlags;
}

export interface FieldSpec {
  readonly xmlName: string;
  readonly fieldUri?: string;
  readonly minVersion?: ExchangeVersion;
  readonly flags?: Partial<Omit<FieldFlags, 'list'>>;
}

/** Declares a field. The value type comes from the kind; the name stays a literal type. */
export function field<const N extends string, T>(name: N, kind: Kind<T>, spec: FieldSpec): FieldDef<N, T> {
  const flags: FieldFlags = Object.freeze({
    readOnly: spec.flags?.readOnly ?? false,
    readOnlyAfterSend: spec.flags?.readOnlyAfterSend ?? false,
    searchable: spec.flags?.searchable ?? false,
    required: spec.flags?.required ?? false,
    list: kind.list,
    attribute: spec.flags?.attribute ?? false,
    complex: spec.flags?.complex ?? false,
  });
  if (flags.attribute && !isScalarKind(kind)) {
    throw invalidArgument(`field ${name}: an attribute needs a scalar kind, not ${kind.name}`);
  }
  return Object.freeze({
    name,
    xmlName: spec.xmlName,
    fieldUri: spec.fieldUri,
    kind,
    minVersion: spec.minVersion,
    flags,
  });
}
