// Guide Step 5: connect with retries and error handling, then read events safely. Throttling is
// retried by the client's retry policy (see connection.ts); this class adds the guide's
// connection retries for transient failures and its handling of access denied / not found.
import {
  Account,
  type CalendarItem,
  type Configuration,
  DELEGATE,
  EwsAuthError,
  responseCodeOf,
} from '@ews/client';

const ACCESS_DENIED = new Set(['ErrorAccessDenied', 'ErrorImpersonateUserDenied', 'ErrorNonExistentMailbox']);
const MONTH_MS = 30 * 86_400_000;

export interface RobustClientOptions {
  readonly maxRetries?: number;
  /** Where warnings go (the guide logs them); default: nowhere. */
  readonly log?: (message: string) => void;
}

/** Thrown when the account may not be opened: retrying cannot help. */
export function isPermanent(error: unknown): boolean {
  return error instanceof EwsAuthError || ACCESS_DENIED.has(responseCodeOf(error) ?? '');
}

export class RobustClient {
  readonly #config: Configuration;
  readonly #maxRetries: number;
  readonly #log: (message: string) => void;
  #account: Account | undefined;
  /** Connection attempts made by the last connect() (for the log and the tests). */
  attempts = 0;

  constructor(config: Configuration, options: RobustClientOptions = {}) {
    this.#config = config;
    this.#maxRetries = options.maxRetries ?? 3;
    this.#log = options.log ?? (() => {});
  }

  /** Opens `email`'s mailbox and tests it (GetFolder on the root, as the guide reads root rights). */
  async connect(email: string, signal?: AbortSignal): Promise<Account> {
    this.attempts = 0;
    for (;;) {
      this.attempts++;
      try {
        const account = new Account({
          primarySmtpAddress: email,
          config: this.#config,
          accessType: DELEGATE,
        });
        await account.root.get({ signal });
        this.#account = account;
        this.#log(`Connected to ${email}`);
        return account;
      } catch (error) {
        if (isPermanent(error)) {
          this.#log(`Access denied to ${email}. Check permissions.`);
          throw error;
        }
        this.#log(`Connection attempt ${this.attempts} failed: ${(error as Error).message}`);
        if (this.attempts >= this.#maxRetries) throw error;
      }
    }
  }

  /** Events in [start, start + 30 days); a mailbox without a calendar gives none. */
  async safeGetEvents(
    start: Date,
    end = new Date(start.getTime() + MONTH_MS),
    signal?: AbortSignal,
  ): Promise<CalendarItem[]> {
    if (this.#account === undefined) throw new Error('Not connected. Call connect() first.');
    const events: CalendarItem[] = [];
    try {
      for await (const item of this.#account.calendar.view({ start, end, signal })) events.push(item);
      return events;
    } catch (error) {
      if (responseCodeOf(error) === 'ErrorItemNotFound' || responseCodeOf(error) === 'ErrorFolderNotFound') {
        this.#log('No calendar found for this account');
        return [];
      }
      throw error;
    }
  }
}
