// The guide's test_exchange_connection.py: connect, read the calendar folder, count its items.
import { Account, type Configuration, closeConnections, DELEGATE } from '@ews/client';

export interface ConnectionReport {
  readonly ok: boolean;
  readonly lines: readonly string[];
  readonly calendarName?: string;
  readonly calendarItems?: number;
}

export async function testConnection(
  config: Configuration,
  email: string,
  signal?: AbortSignal,
): Promise<ConnectionReport> {
  const lines = [`Testing Exchange Server Connection...`, `Server: ${config.serviceEndpoint.host}`];
  try {
    const account = new Account({
      primarySmtpAddress: email,
      config,
      autodiscover: false,
      accessType: DELEGATE,
    });
    lines.push(`✓ Connected to: ${account.primarySmtpAddress}`);
    const calendar = await account.calendar.get({ signal });
    lines.push(`✓ Calendar folder: ${calendar.displayName}`, `✓ Calendar items: ${calendar.totalCount}`);
    lines.push('', '✅ Connection test PASSED!');
    return {
      ok: true,
      lines,
      calendarName: calendar.displayName ?? '',
      calendarItems: calendar.totalCount ?? 0,
    };
  } catch (error) {
    lines.push('', '❌ Connection test FAILED!', `Error: ${(error as Error).message}`);
    return { ok: false, lines };
  } finally {
    await closeConnections(config);
  }
}
