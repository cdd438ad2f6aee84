import { children, el, type XmlFragment, type XmlNode } from '@ews/core';
import { readModelElement, writeModelElement } from '../codec/model-codec.js';
import { invalidArgument, protocolError } from '../errors.js';
import { type Duration, durationKind } from '../kinds/duration.js';
import { elementChoice } from '../kinds/element-choice.js';
import { enumKind } from '../kinds/enum-kind.js';
import { dayOfMonthNumber, monthNumber, weekdayOccurrence } from '../kinds/int-range.js';
import { type Kind, TYPES_PREFIX, type WriteContext } from '../kinds/kind.js';
import { text } from '../kinds/scalar-kinds.js';
import { fieldElement } from '../kinds/write-xml.js';
import { type DayOfWeek, dayOfWeek } from '../recurrence/weekdays.js';
import { defineModel, type InferModel } from '../schema/define-model.js';
import { field } from '../schema/field-def.js';
import { dateTimeLocal } from './local-date-time.js';

/** t:PeriodType: a named UTC bias (`-PT1H` is UTC+1: the bias is what is added to local time). */
export const PeriodModel = defineModel({
  name: 'Period',
  xmlName: 'Period',
  fields: [
    field('bias', durationKind, { xmlName: 'Bias', flags: { attribute: true } }),
    field('name', text, { xmlName: 'Name', flags: { attribute: true } }),
    field('id', text, { xmlName: 'Id', flags: { attribute: true } }),
  ],
});
export type Period = InferModel<typeof PeriodModel>;

export const transitionTargetKind = enumKind('TransitionTargetKind', ['Period', 'Group']);

/** t:TransitionTargetType: `<t:To Kind="Period">period id</t:To>`. */
export interface TransitionTarget {
  readonly kind: 'Period' | 'Group';
  readonly id: string;
}

const transitionTarget: Kind<TransitionTarget> = Object.freeze({
  name: 'TransitionTarget',
  list: false,
  accepts: (value: unknown): value is TransitionTarget =>
    typeof value === 'object' &&
    value !== null &&
    transitionTargetKind.accepts((value as TransitionTarget).kind) &&
    typeof (value as TransitionTarget).id === 'string',
  writeElement(qname: string, value: TransitionTarget, _context: WriteContext, where: string): XmlFragment {
    return fieldElement(where, qname, { Kind: value.kind }, value.id);
  },
  readElement(node: XmlNode, where: string): TransitionTarget {
    const kind = node.attributes.Kind ?? '';
    if (!transitionTargetKind.accepts(kind)) throw protocolError(`${where}: Kind must be Period or Group`);
    return { kind, id: node.text };
  },
});

/** The first transition of a list (no date): where the definition starts. */
export interface PlainTransition {
  readonly type: 'Transition';
  readonly to: TransitionTarget;
}
/** A switch at a local date and time (`2007-01-01T00:00:00`, no zone), usually to a group. */
export interface AbsoluteDateTransition {
  readonly type: 'AbsoluteDate';
  readonly to: TransitionTarget;
  /** Local wall-clock time as written, `YYYY-MM-DDThh:mm:ss`. */
  readonly dateTime: string;
}
/** A yearly switch on the `occurrence`-th `dayOfWeek` of `month` (-1 = the last), `timeOffset` after local midnight. */
export interface RecurringDayTransition {
  readonly type: 'RecurringDay';
  readonly to: TransitionTarget;
  readonly timeOffset: Duration;
  /** 1–12. */
  readonly month: number;
  readonly dayOfWeek: DayOfWeek;
  /** 1–4, or -1 for the last one of the month. */
  readonly occurrence: number;
}
/** A yearly switch on a fixed day of `month`. */
export interface RecurringDateTransition {
  readonly type: 'RecurringDate';
  readonly to: TransitionTarget;
  readonly timeOffset: Duration;
  readonly month: number;
  readonly day: number;
}
export type Transition =
  | PlainTransition
  | AbsoluteDateTransition
  | RecurringDayTransition
  | RecurringDateTransition;

const to = field('to', transitionTarget, { xmlName: 'To', flags: { required: true } });
const timeOffset = field('timeOffset', durationKind, { xmlName: 'TimeOffset', flags: { required: true } });
const month = field('month', monthNumber, { xmlName: 'Month', flags: { required: true } });
const model = (name: string, fields: readonly ReturnType<typeof field>[]) =>
  defineModel({ name, xmlName: name, fields: [to, ...fields] });

/** The transition elements of the t:Transition substitution group, in the order a list is read back. */
export const transitionChoice = elementChoice<Transition>('Transition', [
  { type: 'Transition', xmlName: 'Transition', model: model('Transition', []) },
  {
    type: 'AbsoluteDate',
    xmlName: 'AbsoluteDateTransition',
    model: model('AbsoluteDateTransition', [
      field('dateTime', dateTimeLocal, { xmlName: 'DateTime', flags: { required: true } }),
    ]),
  },
  {
    type: 'RecurringDate',
    xmlName: 'RecurringDateTransition',
    model: model('RecurringDateTransition', [
      timeOffset,
      month,
      field('day', dayOfMonthNumber, { xmlName: 'Day' }),
    ]),
  },
  {
    type: 'RecurringDay',
    xmlName: 'RecurringDayTransition',
    model: model('RecurringDayTransition', [
      timeOffset,
      month,
      field('dayOfWeek', dayOfWeek, { xmlName: 'DayOfWeek', flags: { required: true } }),
      field('occurrence', weekdayOccurrence, { xmlName: 'Occurrence', flags: { required: true } }),
    ]),
  },
]);

/** t:ArrayOfTransitionsType inside TransitionsGroups. */
export interface TransitionsGroup {
  readonly id: string;
  readonly transitions: readonly Transition[];
}

/**
 * t:TimeZoneDefinitionType (StartTimeZone, EndTimeZone). `{ id }` alone names a Windows zone
 * the server knows; the full form carries the rules (see timeZoneDefinition()).
 */
export interface TimeZoneDefinition {
  readonly id?: string;
  readonly name?: string;
  readonly periods?: readonly Period[];
  readonly transitionsGroups?: readonly TransitionsGroup[];
  readonly transitions?: readonly Transition[];
}

const KEYS = new Set(['id', 'name', 'periods', 'transitionsGroups', 'transitions']);

function writeTransitions(
  qname: string,
  id: string | undefined,
  list: readonly Transition[],
  context: WriteContext,
  where: string,
): XmlFragment {
  return fieldElement(
    where,
    qname,
    { Id: id },
    list.map((t) => transitionChoice.write(t, context, where)),
  );
}

function isDefinition(value: unknown): value is TimeZoneDefinition {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    Object.keys(v).every((key) => KEYS.has(key) || v[key] === undefined) &&
    (v.id === undefined || typeof v.id === 'string') &&
    (v.name === undefined || typeof v.name === 'string') &&
    (v.periods === undefined || Array.isArray(v.periods)) &&
    (v.transitionsGroups === undefined || Array.isArray(v.transitionsGroups)) &&
    (v.transitions === undefined ||
      (Array.isArray(v.transitions) && v.transitions.every(transitionChoice.accepts)))
  );
}

/** The kind of CalendarItem.StartTimeZone / EndTimeZone. */
export const timeZoneDefinition: Kind<TimeZoneDefinition> = Object.freeze({
  name: 'TimeZoneDefinition',
  list: false,
  accepts: isDefinition,
  writeElement(qname: string, value: TimeZoneDefinition, context: WriteContext, where: string): XmlFragment {
    const attributes = { Id: value.id, Name: value.name };
    const periods = value.periods ?? [];
    if (periods.length === 0) {
      // The schema's sequence is all-or-nothing and starts with Periods.
      if ((value.transitions ?? []).length > 0 || (value.transitionsGroups ?? []).length > 0)
        throw invalidArgument(`${where}: transitions need periods`);
      return fieldElement(where, qname, attributes);
    }
    const groups = value.transitionsGroups ?? [];
    const transitions = value.transitions ?? [];
    return fieldElement(where, qname, attributes, [
      el(
        `${TYPES_PREFIX}Periods`,
        {},
        periods.map((period) =>
          writeModelElement(PeriodModel, `${TYPES_PREFIX}Period`, period, context, `${where}.Period`),
        ),
      ),
      groups.length === 0
        ? undefined
        : el(
            `${TYPES_PREFIX}TransitionsGroups`,
            {},
            groups.map((group) =>
              writeTransitions(
                `${TYPES_PREFIX}TransitionsGroup`,
                group.id,
                group.transitions,
                context,
                `${where}.TransitionsGroup`,
              ),
            ),
          ),
      transitions.length === 0
        ? undefined
        : writeTransitions(
            `${TYPES_PREFIX}Transitions`,
            undefined,
            transitions,
            context,
            `${where}.Transitions`,
          ),
    ]);
  },
  readElement(node: XmlNode, where: string): TimeZoneDefinition {
    const id = node.attributes.Id;
    const name = node.attributes.Name;
    const [periodsNode] = children(node, 'Periods');
    const [groupsNode] = children(node, 'TransitionsGroups');
    const [transitionsNode] = children(node, 'Transitions');
    const periods = children(periodsNode, 'Period').map(
      (p) => readModelElement(PeriodModel, p, `${where}.Period`) as Period,
    );
    const transitionsGroups = children(groupsNode, 'TransitionsGroup').map((g) => ({
      id: g.attributes.Id ?? '',
      transitions: transitionChoice.readAll(g, `${where}.TransitionsGroup`),
    }));
    const transitions =
      transitionsNode === undefined ? [] : transitionChoice.readAll(transitionsNode, `${where}.Transitions`);
    return {
      ...(id === undefined ? {} : { id }),
      ...(name === undefined ? {} : { name }),
      ...(periodsNode === undefined ? {} : { periods }),
      ...(groupsNode === undefined ? {} : { transitionsGroups }),
      ...(transitionsNode === undefined ? {} : { transitions }),
    };
  },
});
