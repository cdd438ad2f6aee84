import {
  type CallOptions,
  EwsInvalidArgumentError,
  EwsProtocolError,
  integerInRange,
  positiveInteger,
} from '@ews/core';
import { DEFAULT_BULK_CONCURRENCY, runChunks } from '../bulk/run-chunks.js';
import { send } from '../internal/send.js';
import {
  type AvailabilityMailbox,
  buildGetUserAvailability,
  checkGetUserAvailabilityParams,
  type FreeBusy,
  type FreeBusyViewKind,
  MAX_AVAILABILITY_MAILBOXES,
  readGetUserAvailability,
} from '../operations/get-user-availability.js';
import type { SuggestionDay, SuggestionQuality } from '../operations/suggestions.js';
import type { Outcome } from '../outcome.js';
import type { AccountContext } from './account-context.js';

export interface AvailabilityOptions extends CallOptions {
  /** Addresses (as Required attendees) or mailboxes with their attendee type (e.g. `Room`). Any number. */
  readonly mailboxes: readonly (string | AvailabilityMailbox)[];
  readonly start: Date;
  readonly end: Date;
  /**
   * Default `FreeBusy` (events with their busy type). `FreeBusyMerged` and `DetailedMerged` add the
   * merged string and its `mergedSlots`; `Detailed` adds subjects and locations where the caller
   * may see them; `MergedOnly` gives the merged string alone.
   */
  readonly view?: FreeBusyViewKind | undefined;
  /** Interval of the merged string (5…1440 minutes, default 30). */
  readonly mergedIntervalMinutes?: number | undefined;
  /** Mailboxes per GetUserAvailability (1…100, default 100: Exchange refuses more). */
  readonly batchSize?: number | undefined;
  /** Requests in flight at once when there are more than `batchSize` mailboxes (default 4). */
  readonly concurrency?: number | undefined;
}

/** One mailbox's free/busy or its own error (an unknown room is ErrorMailRecipientNotFound). */
export type MailboxAvailability = Outcome<FreeBusy> & { readonly address: string };

function mailboxOf(entry: string | AvailabilityMailbox): AvailabilityMailbox {
  return typeof entry === 'string' ? { address: entry } : entry;
}

/**
 * Free/busy of any number of mailboxes: split into requests of at most 100 (Exchange's limit), at
 * most `concurrency` in flight, one result per mailbox in input order. A mailbox the server
 * refuses fails alone; a request that fails as a whole (a fault, a lost connection) fails its own
 * mailboxes; an abort rejects the call. Arguments are checked before anything is sent.
 */
export async function getAvailability(
  account: AccountContext,
  options: AvailabilityOptions,
): Promise<readonly MailboxAvailability[]> {
  const mailboxes = options.mailboxes.map(mailboxOf);
  const batchSize = integerInRange(
    'batchSize',
    options.batchSize ?? MAX_AVAILABILITY_MAILBOXES,
    1,
    MAX_AVAILABILITY_MAILBOXES,
  );
  positiveInteger('concurrency', options.concurrency ?? DEFAULT_BULK_CONCURRENCY);
  const view = options.view ?? 'FreeBusy';
  const base = {
    start: options.start,
    end: options.end,
    view,
    mergedIntervalMinutes: options.mergedIntervalMinutes,
  };
  checkGetUserAvailabilityParams({ mailboxes, ...base });
  const outcomes = await runChunks<AvailabilityMailbox, FreeBusy>(
    'GetUserAvailability',
    mailboxes,
    {
      signal: options.signal,
      timeoutMs: options.timeoutMs,
      chunkSize: batchSize,
      concurrency: options.concurrency,
    },
    async (part, callOptions) => {
      const params = { mailboxes: part, ...base };
      const response = await send(
        account,
        'GetUserAvailability',
        buildGetUserAvailability(params),
        callOptions,
      );
      return readGetUserAvailability(response, params).freeBusy ?? [];
    },
  );
  return outcomes.map((outcome, index) => ({ ...outcome, address: mailboxes[index]?.address ?? '' }));
}

export interface MeetingSuggestionsOptions extends CallOptions {
  /** Everyone the meeting is for (at most 100: suggestions weigh all attendees in one request). */
  readonly attendees: readonly (string | AvailabilityMailbox)[];
  /** The days to suggest times on. */
  readonly start: Date;
  readonly end: Date;
  /** The meeting's length (30…1440 minutes, default 60). */
  readonly durationMinutes?: number | undefined;
  /** Percent of attendees that may have a conflict for a time to be Good (1…49, default 25). */
  readonly goodThreshold?: number | undefined;
  /** Suggestions within working hours per day (0…48, default 10). */
  readonly maximumResultsByDay?: number | undefined;
  /** Suggestions outside working hours per day (0…48, default 0). */
  readonly maximumNonWorkHourResultsByDay?: number | undefined;
  /** The worst quality returned (default Fair). */
  readonly minimumQuality?: SuggestionQuality | undefined;
}

/**
 * Meeting times that suit the attendees (GetUserAvailability with SuggestionsViewOptions; the
 * EWS Managed API's GetSuggestions): per day, the suggested times with their quality and each
 * attendee's conflict. More than 100 attendees is refused (EWS_INVALID_ARGUMENT): a split would
 * weigh each part alone and give wrong qualities.
 */
export async function suggestMeetingTimes(
  account: AccountContext,
  options: MeetingSuggestionsOptions,
): Promise<readonly SuggestionDay[]> {
  const mailboxes = options.attendees.map(mailboxOf);
  if (options.durationMinutes !== undefined)
    integerInRange('durationMinutes', options.durationMinutes, 30, 1440);
  if (mailboxes.length > MAX_AVAILABILITY_MAILBOXES)
    throw new EwsInvalidArgumentError(
      `Suggestions weigh at most ${MAX_AVAILABILITY_MAILBOXES} attendees in one request (Exchange's limit); ${mailboxes.length} given`,
    );
  const params = {
    mailboxes,
    suggestions: {
      window: { start: options.start, end: options.end },
      meetingDurationInMinutes: options.durationMinutes,
      goodThreshold: options.goodThreshold,
      maximumResultsByDay: options.maximumResultsByDay,
      maximumNonWorkHourResultsByDay: options.maximumNonWorkHourResultsByDay,
      minimumSuggestionQuality: options.minimumQuality,
    },
  };
  const response = await send(account, 'GetUserAvailability', buildGetUserAvailability(params), options);
  const { suggestions } = readGetUserAvailability(response, params);
  if (suggestions === undefined)
    throw new EwsProtocolError('GetUserAvailability answered no suggestions', {
      operation: 'GetUserAvailability',
    });
  return suggestions;
}
