// Guide Step 4: a service account with the ApplicationImpersonation role reads several users'
// calendars. One Configuration (one connection pool) for every impersonated Account.
import { Account, type Configuration, IMPERSONATION } from '@ews/client';

export interface SimpleEvent {
  readonly subject: string;
  readonly start: string;
  readonly end: string;
  readonly location: string;
}

/** Per user: their events, or the error that user's mailbox gave (one failure spoils no other). */
export type UserEvents = Readonly<Record<string, readonly SimpleEvent[] | { readonly error: string }>>;

const WEEK_MS = 7 * 86_400_000;

export class ImpersonationClient {
  readonly #config: Configuration;

  constructor(config: Configuration) {
    this.#config = config;
  }

  userAccount(userEmail: string): Account {
    return new Account({
      primarySmtpAddress: userEmail,
      config: this.#config,
      autodiscover: false,
      accessType: IMPERSONATION,
    });
  }

  async multipleUserEvents(
    userEmails: readonly string[],
    options: { readonly start: Date; readonly end?: Date; readonly signal?: AbortSignal },
  ): Promise<UserEvents> {
    const end = options.end ?? new Date(options.start.getTime() + WEEK_MS);
    const entries = await Promise.all(
      userEmails.map(async (email) => {
        try {
          const events: SimpleEvent[] = [];
          const view = this.userAccount(email).calendar.view({
            start: options.start,
            end,
            signal: options.signal,
          });
          for await (const item of view) {
            events.push({
              subject: item.subject ?? '',
              start: item.start?.toISOString() ?? '',
              end: item.end?.toISOString() ?? '',
              location: item.location ?? '',
            });
          }
          return [email, events] as const;
        } catch (error) {
          return [email, { error: error instanceof Error ? error.message : String(error) }] as const;
        }
      }),
    );
    return Object.fromEntries(entries);
  }
}
