import { el, type XmlFragment, type XmlNode } from '@ews/core';
import { invalidArgument } from '../errors.js';
import type { ElementChoice } from '../kinds/element-choice.js';
import type { Kind, WriteContext } from '../kinds/kind.js';
import {
  type RecurrencePattern,
  recurrencePattern,
  type TaskRecurrencePattern,
  taskRecurrencePattern,
} from './recurrence-patterns.js';
import { type RecurrenceRange, recurrenceRange } from './recurrence-ranges.js';

/** t:RecurrenceType: how a calendar item repeats, and for how long. */
export interface Recurrence {
  readonly pattern: RecurrencePattern;
  readonly range: RecurrenceRange;
}
/** t:TaskRecurrenceType: like Recurrence, with the regeneration patterns too. */
export interface TaskRecurrence {
  readonly pattern: TaskRecurrencePattern;
  readonly range: RecurrenceRange;
}

function patternAndRange<P extends { readonly type: string }>(
  name: string,
  patterns: ElementChoice<P>,
): Kind<{ readonly pattern: P; readonly range: RecurrenceRange }> {
  type Value = { readonly pattern: P; readonly range: RecurrenceRange };
  return Object.freeze({
    name,
    list: false,
    accepts: (value: unknown): value is Value => {
      if (typeof value !== 'object' || value === null) return false;
      const { pattern, range } = value as Record<string, unknown>;
      return patterns.accepts(pattern) && recurrenceRange.accepts(range);
    },
    writeElement(qname: string, value: Value, context: WriteContext, where: string): XmlFragment {
      for (const key of Object.keys(value))
        if (key !== 'pattern' && key !== 'range')
          throw invalidArgument(`${where}: unknown property '${key}'`);
      return el(qname, {}, [
        patterns.write(value.pattern, context, where),
        recurrenceRange.write(value.range, context, where),
      ]);
    },
    readElement(node: XmlNode, where: string): Value {
      return { pattern: patterns.readOne(node, where), range: recurrenceRange.readOne(node, where) };
    },
  });
}

/** CalendarItem.Recurrence (and the meeting messages'). */
export const recurrence: Kind<Recurrence> = patternAndRange('Recurrence', recurrencePattern);
/** Task.Recurrence. */
export const taskRecurrence: Kind<TaskRecurrence> = patternAndRange('TaskRecurrence', taskRecurrencePattern);
