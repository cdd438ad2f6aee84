import {
  child,
  children,
  decodeResponseMessage,
  EwsInvalidArgumentError,
  EwsProtocolError,
  el,
  integerInRange,
  type XmlFragment,
  type XmlNode,
} from '@ews/core';
import { boolean, dateTime, enumKind, int, type ScalarKind } from '@ews/models';
import { checkMessage } from '../internal/messages.js';
import { childValue } from '../internal/scalar-values.js';
import { type BusyType, busyType } from './get-user-availability.js';

/*
 * Meeting-time suggestions (t:SuggestionsViewOptions in, m:SuggestionsResponse out). Defaults and
 * ranges are Microsoft's (SuggestionsViewOptions reference): GoodThreshold 1…49 (default 25),
 * MaximumResultsByDay and MaximumNonWorkHourResultsByDay 0…48 (defaults 10 and 0),
 * MeetingDurationInMinutes 30…1440 (default 60), MinimumSuggestionQuality default Fair.
 */

export type SuggestionQuality = 'Excellent' | 'Good' | 'Fair' | 'Poor';
const suggestionQuality = enumKind<SuggestionQuality>('SuggestionQuality', [
  'Excellent',
  'Good',
  'Fair',
  'Poor',
]);

export interface SuggestionsViewOptions {
  /** Percent of attendees that may have a conflict for a time to be Good (1…49, default 25). */
  readonly goodThreshold?: number | undefined;
  /** Suggestions within working hours per day (0…48, default 10). */
  readonly maximumResultsByDay?: number | undefined;
  /** Suggestions outside working hours per day (0…48, default 0). */
  readonly maximumNonWorkHourResultsByDay?: number | undefined;
  /** The meeting's length (30…1440 minutes, default 60). */
  readonly meetingDurationInMinutes?: number | undefined;
  /** The worst quality returned (default Fair). */
  readonly minimumSuggestionQuality?: SuggestionQuality | undefined;
  /** The days suggestions are computed for (t:DetailedSuggestionsWindow). */
  readonly window: { readonly start: Date; readonly end: Date };
}

/** The t:SuggestionsViewOptions element; `local` writes a time in the request's zone. */
export function buildSuggestionsViewOptions(
  options: SuggestionsViewOptions,
  local: (date: Date) => string,
): XmlFragment {
  const { start, end } = options.window;
  if (!(start.getTime() < end.getTime()))
    throw new EwsInvalidArgumentError('Suggestions need window.start < window.end');
  const optional = (name: string, value: number | string | undefined) =>
    value === undefined ? undefined : el(`t:${name}`, {}, value);
  const quality = options.minimumSuggestionQuality;
  if (quality !== undefined && !suggestionQuality.choices.includes(quality))
    throw new EwsInvalidArgumentError(
      `minimumSuggestionQuality must be one of ${suggestionQuality.choices.join(', ')}`,
    );
  const checked = (name: string, value: number | undefined, min: number, max: number) =>
    value === undefined ? undefined : integerInRange(name, value, min, max);
  return el('t:SuggestionsViewOptions', {}, [
    optional('GoodThreshold', checked('goodThreshold', options.goodThreshold, 1, 49)),
    optional('MaximumResultsByDay', checked('maximumResultsByDay', options.maximumResultsByDay, 0, 48)),
    optional(
      'MaximumNonWorkHourResultsByDay',
      checked('maximumNonWorkHourResultsByDay', options.maximumNonWorkHourResultsByDay, 0, 48),
    ),
    optional(
      'MeetingDurationInMinutes',
      checked('meetingDurationInMinutes', options.meetingDurationInMinutes, 30, 1440),
    ),
    optional('MinimumSuggestionQuality', quality),
    el('t:DetailedSuggestionsWindow', {}, [
      el('t:StartTime', {}, local(start)),
      el('t:EndTime', {}, local(end)),
    ]),
  ]);
}

/** How one attendee fares at a suggested time, paired with the attendee it is about. */
export type AttendeeConflict =
  | { readonly kind: 'individual'; readonly address: string; readonly busyType: BusyType }
  | {
      readonly kind: 'group';
      readonly address: string;
      readonly members: number;
      readonly available: number;
      readonly withConflict: number;
      readonly withNoData: number;
    }
  | { readonly kind: 'unknown' | 'tooBigGroup'; readonly address: string };

export interface MeetingSuggestion {
  readonly meetingTime: Date;
  readonly isWorkTime: boolean;
  readonly quality: SuggestionQuality;
  /** One entry per attendee asked about, in request order (empty when the server sent none). */
  readonly conflicts: readonly AttendeeConflict[];
}

export interface SuggestionDay {
  /** The day (its midnight in the request's zone, which is UTC). */
  readonly date: Date;
  readonly quality: SuggestionQuality;
  readonly suggestions: readonly MeetingSuggestion[];
}

// 48 in working hours + 48 outside (the two per-day maxima) is the most a day can hold.
const MAX_SUGGESTIONS_PER_DAY = 96;
// The longest suggestions window Exchange accepts is 42 days; a day more for zone edges.
const MAX_SUGGESTION_DAYS = 43;

function broken(text: string): EwsProtocolError {
  return new EwsProtocolError(`GetUserAvailability answered ${text}`, { operation: 'GetUserAvailability' });
}

function required<T>(node: XmlNode, name: string, kind: ScalarKind<T>, where: string): T {
  const value = childValue(node, name, kind, where);
  if (value === undefined) throw broken(`a ${where} without ${name}`);
  return value;
}

function readConflict(node: XmlNode, address: string): AttendeeConflict {
  switch (node.name) {
    case 'IndividualAttendeeConflictData':
      return { kind: 'individual', address, busyType: required(node, 'BusyType', busyType, node.name) };
    case 'GroupAttendeeConflictData':
      return {
        kind: 'group',
        address,
        members: required(node, 'NumberOfMembers', int, node.name),
        available: required(node, 'NumberOfMembersAvailable', int, node.name),
        withConflict: required(node, 'NumberOfMembersWithConflict', int, node.name),
        withNoData: required(node, 'NumberOfMembersWithNoData', int, node.name),
      };
    case 'UnknownAttendeeConflictData':
      return { kind: 'unknown', address };
    case 'TooBigGroupAttendeeConflictData':
      return { kind: 'tooBigGroup', address };
    default:
      throw broken(`an AttendeeConflictDataArray holding ${node.name.slice(0, 64)}`);
  }
}

function readSuggestion(node: XmlNode, attendees: readonly string[]): MeetingSuggestion {
  const array = child(node, 'AttendeeConflictDataArray');
  const entries = children(array);
  // One conflict entry per attendee, in request order: pairing them otherwise would be a guess.
  if (array && entries.length !== attendees.length)
    throw broken(`${entries.length} AttendeeConflictData entries for ${attendees.length} attendees`);
  return {
    meetingTime: required(node, 'MeetingTime', dateTime, 'Suggestion'),
    isWorkTime: required(node, 'IsWorkTime', boolean, 'Suggestion'),
    quality: required(node, 'SuggestionQuality', suggestionQuality, 'Suggestion'),
    conflicts: entries.map((entry, index) => readConflict(entry, attendees[index] ?? '')),
  };
}

/**
 * The m:SuggestionsResponse: its own ResponseMessage (an Error is thrown as its typed error) and
 * the days with their suggestions. Counts are bounded and each conflict list must name every
 * attendee sent; anything else is EWS_PROTOCOL.
 */
export function suggestionDaysFrom(node: XmlNode | undefined, attendees: readonly string[]): SuggestionDay[] {
  if (node === undefined) throw broken('no SuggestionsResponse to a request for suggestions');
  const message = child(node, 'ResponseMessage');
  if (message) checkMessage(decodeResponseMessage(message, 0, 'GetUserAvailability'), 'GetUserAvailability');
  const days = children(child(node, 'SuggestionDayResultArray'), 'SuggestionDayResult');
  if (days.length > MAX_SUGGESTION_DAYS)
    throw broken(`${days.length} suggestion days (at most ${MAX_SUGGESTION_DAYS})`);
  return days.map((day) => {
    const suggestions = children(child(day, 'SuggestionArray'), 'Suggestion');
    if (suggestions.length > MAX_SUGGESTIONS_PER_DAY)
      throw broken(`${suggestions.length} suggestions in a day (at most ${MAX_SUGGESTIONS_PER_DAY})`);
    return {
      date: required(day, 'Date', dateTime, 'SuggestionDayResult'),
      quality: required(day, 'DayQuality', suggestionQuality, 'SuggestionDayResult'),
      suggestions: suggestions.map((s) => readSuggestion(s, attendees)),
    };
  });
}
