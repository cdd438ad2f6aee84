// A deliberately small typed filter, kept in this one file so that it can be replaced by the
// typed filters @ews/models is growing (src/query) without touching the query builder.
import { EwsInvalidArgumentError, escapeAttribute } from '@ews/core';
import { type FieldDef, formatDateTime, type InferModel, type Model } from '@ews/models';
import { fieldUriXml } from '../internal/xml.js';

type Scalar = string | number | boolean | Date;

/** The conditions one field may carry; a bare value means `eq`. */
export type FieldCondition<T> =
  | T
  | {
      readonly eq?: T;
      readonly ne?: T;
      readonly gt?: T;
      readonly gte?: T;
      readonly lt?: T;
      readonly lte?: T;
      /** Case-insensitive substring match (text fields). */
      readonly contains?: string;
      /** The field has (true) or lacks (false) a value. */
      readonly exists?: boolean;
    };

/** Field name → condition; every entry must hold (AND). Only scalar fields can be filtered. */
export type SimpleFilter<M extends Model> = {
  readonly [K in keyof InferModel<M>]?: NonNullable<InferModel<M>[K]> extends Scalar
    ? FieldCondition<NonNullable<InferModel<M>[K]>>
    : never;
};

// Operator → restriction element, as a table.
const COMPARISONS = {
  eq: 'IsEqualTo',
  ne: 'IsNotEqualTo',
  gt: 'IsGreaterThan',
  gte: 'IsGreaterThanOrEqualTo',
  lt: 'IsLessThan',
  lte: 'IsLessThanOrEqualTo',
} as const;

/** One search expression (`<t:And>` when several conditions), or undefined for an empty filter. */
export function simpleFilterXml<M extends Model>(model: M, filter: SimpleFilter<M>): string | undefined {
  const expressions: string[] = [];
  for (const [name, condition] of Object.entries(filter as Record<string, unknown>)) {
    if (condition === undefined) continue;
    const def = model.fields.find((candidate) => candidate.name === name);
    if (!def?.fieldUri) throw new EwsInvalidArgumentError(`${model.name}.${name} cannot be filtered on`);
    expressions.push(...conditionXml(def, def.fieldUri, condition));
  }
  if (expressions.length === 0) return undefined;
  return expressions.length === 1 ? expressions[0] : `<t:And>${expressions.join('')}</t:And>`;
}

/** `<t:Not>` around an expression (exclude()). */
export function notXml(expression: string): string {
  return `<t:Not>${expression}</t:Not>`;
}

function conditionXml(def: FieldDef, fieldUri: string, condition: unknown): string[] {
  const path = fieldUriXml(fieldUri);
  if (!isOperatorObject(condition)) return [comparisonXml('eq', path, def, condition)];
  const out: string[] = [];
  for (const [operator, value] of Object.entries(condition)) {
    if (value === undefined) continue;
    if (operator === 'exists') {
      const exists = `<t:Exists>${path}</t:Exists>`;
      out.push(value === true ? exists : notXml(exists));
    } else if (operator === 'contains') {
      out.push(
        `<t:Contains ContainmentMode="Substring" ContainmentComparison="IgnoreCase">${path}<t:Constant Value="${escapeAttribute(String(value))}"/></t:Contains>`,
      );
    } else if (operator in COMPARISONS) {
      out.push(comparisonXml(operator as keyof typeof COMPARISONS, path, def, value));
    } else {
      throw new EwsInvalidArgumentError(`Unknown filter operator ${operator} on ${def.name}`);
    }
  }
  return out;
}

function comparisonXml(
  operator: keyof typeof COMPARISONS,
  path: string,
  def: FieldDef,
  value: unknown,
): string {
  const element = COMPARISONS[operator];
  return `<t:${element}>${path}<t:FieldURIOrConstant><t:Constant Value="${escapeAttribute(constantText(def, value))}"/></t:FieldURIOrConstant></t:${element}>`;
}

function constantText(def: FieldDef, value: unknown): string {
  if (value instanceof Date) return formatDateTime(value);
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    if (!def.kind.accepts(value))
      throw new EwsInvalidArgumentError(`Wrong value type for a filter on ${def.name}`);
    return String(value);
  }
  throw new EwsInvalidArgumentError(`A filter on ${def.name} needs a string, number, boolean or Date`);
}

function isOperatorObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !(value instanceof Date);
}
