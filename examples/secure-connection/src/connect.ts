import { Account, Configuration, Credentials, DELEGATE, type Policy, type TlsOptions } from '@ews/client';

/** The guide's settings block: server, DOMAIN\user, password, mailbox. */
export interface ExchangeSettings {
  /** Host name (and port), as exchangelib's `Configuration(server=…)`: https://<server>/EWS/Exchange.asmx. */
  readonly server: string;
  /** `DOMAIN\user`, `user@domain` or `user`, as Windows accepts them. */
  readonly username: string;
  readonly password: string;
  /** The mailbox to open. */
  readonly email: string;
  /**
   * How the server's certificate is checked. The guide's `NoVerifyHTTPAdapter` turns checking off;
   * trusting the self-signed certificate (its PEM as `ca`) keeps it on and is what to do instead.
   */
  readonly tls?: TlsOptions | undefined;
  /** `ntlm` as the guide's domain sign-in; left out, the scheme is read from the server's 401 offer. */
  readonly authType?: 'ntlm' | 'basic' | undefined;
  /** Extra pipeline policies, e.g. the tests' envelope recorder. */
  readonly policies?: readonly Policy[] | undefined;
}

/**
 * The guide's `connect_to_exchange()`: Credentials, a Configuration for the server, and a
 * delegate Account with autodiscover off. Nothing is sent until the first call.
 */
export function connectToExchange(settings: ExchangeSettings): Account {
  const credentials = new Credentials(settings.username, settings.password);
  const config = new Configuration({
    server: settings.server,
    credentials,
    authType: settings.authType,
    tls: settings.tls,
    policies: settings.policies,
  });
  return new Account({
    primarySmtpAddress: settings.email,
    config,
    autodiscover: false,
    accessType: DELEGATE,
  });
}

/** What the connection check prints: the mailbox, the inbox counts and the server's build. */
export interface ConnectionReport {
  readonly mailbox: string;
  readonly inboxTotal: number;
  readonly inboxUnread: number;
  readonly serverBuild: string | undefined;
}

/** One GetFolder on the inbox: proves TLS, sign-in and mailbox access in one round trip. */
export async function checkConnection(account: Account, signal?: AbortSignal): Promise<ConnectionReport> {
  const inbox = await account.inbox.get({ signal });
  return {
    mailbox: account.primarySmtpAddress,
    inboxTotal: inbox.totalCount ?? 0,
    inboxUnread: inbox.unreadCount ?? 0,
    serverBuild: account.client.serverVersion?.build?.toString(),
  };
}
