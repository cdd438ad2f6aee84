import { parseArgs } from 'node:util';
import { faultsFromJson } from './server/faults.js';
import { parseAuthFlags } from './server/ntlm/cli-auth-flags.js';
import { startTestServer, type TestServer, type TestServerSeed } from './server/start-test-server.js';
import { SERVER_VERSIONS, type ServerVersionName } from './soap/server-versions.js';
import { isMailboxCulture, MAILBOX_CULTURES } from './store/mailbox-cultures.js';

export const USAGE =
  'usage: ews-test-server [--port N] [--seed demo|empty] [--server-version Exchange2013|Exchange2016|Exchange2019]' +
  ' [--tls] [--validate-requests SCHEMA_DIR] [--load-state FILE] [--json] [--record DIR]' +
  ' [--auth basic,ntlm,bearer] [--ntlm-channel-binding required|accepted|off] [--faults JSON]' +
  ' [--culture en-US|da-DK|de-DE|es-ES|fr-CA|nl-NL|sv-SE] [--archive] [--public-folders]';

/** Bearer tokens the CLI prints for each person when `--auth` includes bearer (valid 24 hours). */
export type CliBearerTokens = Readonly<Record<string, string>>;

/** One machine-readable line: URLs, version, every mailbox with its password and kind, room lists. */
export function describeJson(server: TestServer, bearerTokens?: CliBearerTokens): string {
  return JSON.stringify({
    url: server.url,
    autodiscoverUrl: server.autodiscoverUrl,
    autodiscoverSoapUrl: server.autodiscoverSoapUrl,
    serverVersion: server.serverVersion,
    ...(server.tls === undefined ? {} : { ca: server.tls.ca }),
    mailboxes: server.mailboxes,
    roomLists: server.roomLists,
    ...(bearerTokens === undefined ? {} : { bearerTokens }),
  });
}

export function describeText(server: TestServer, bearerTokens?: CliBearerTokens): string {
  const width = Math.max(...server.mailboxes.map((m) => m.address.length));
  return [
    `EWS test server (${server.serverVersion.name}, build ${server.serverVersion.build})`,
    `  EWS:          ${server.url}`,
    `  Autodiscover: ${server.autodiscoverUrl}`,
    `                ${server.autodiscoverSoapUrl} (SOAP)`,
    ...(server.tls === undefined
      ? []
      : ['', 'Self-signed certificate (trust it as a CA):', server.tls.ca.trim()]),
    '',
    'Mailboxes (Basic auth; user name = address):',
    ...server.mailboxes.map((m) => `  ${m.address.padEnd(width)}  ${m.password.padEnd(22)}  ${m.kind}`),
    '',
    ...server.roomLists.map((l) => `Room list ${l.name} <${l.address}>: ${l.rooms.join(', ')}`),
    '',
    ...(bearerTokens === undefined
      ? []
      : [
          'Bearer tokens (valid 24 hours; test-only):',
          ...Object.entries(bearerTokens).map(([address, token]) => `  ${address.padEnd(width)}  ${token}`),
          '',
        ]),
    'Press Ctrl+C to stop.',
  ].join('\n');
}

/**
 * Parses the command line, starts the server and prints its description with `print`.
 * Returns the running server (undefined for --help); the caller owns shutdown.
 */
export async function runCli(
  args: readonly string[],
  print: (line: string) => void,
  signal?: AbortSignal,
): Promise<TestServer | undefined> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      port: { type: 'string', default: '0' },
      seed: { type: 'string', default: 'demo' },
      json: { type: 'boolean', default: false },
      record: { type: 'string' },
      tls: { type: 'boolean', default: false },
      'server-version': { type: 'string', default: 'Exchange2016' },
      'validate-requests': { type: 'string' },
      'load-state': { type: 'string' },
      auth: { type: 'string' },
      'ntlm-channel-binding': { type: 'string' },
      faults: { type: 'string' },
      culture: { type: 'string' },
      archive: { type: 'boolean', default: false },
      'public-folders': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    print(USAGE);
    return undefined;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`invalid --port ${values.port}`);
  if (values.seed !== 'demo' && values.seed !== 'empty') throw new Error(`invalid --seed ${values.seed}`);
  const version = values['server-version'];
  if (!(version in SERVER_VERSIONS)) throw new Error(`invalid --server-version ${version}`);
  const schemaDir = values['validate-requests'];
  const loadState = values['load-state'];
  const authFlags = parseAuthFlags(values.auth, values['ntlm-channel-binding']);
  const faults = values.faults === undefined ? undefined : faultsFromJson(values.faults);
  if (values.culture !== undefined && !isMailboxCulture(values.culture)) {
    throw new Error(`invalid --culture ${values.culture} (one of ${MAILBOX_CULTURES.join(', ')})`);
  }
  const server = await startTestServer({
    port,
    tls: values.tls,
    serverVersion: version as ServerVersionName,
    ...(schemaDir === undefined ? {} : { validateRequests: { schemaDir } }),
    ...(loadState === undefined ? {} : { loadState }),
    seed: values.seed as TestServerSeed,
    ...(values.culture === undefined ? {} : { culture: values.culture }),
    archive: values.archive,
    publicFolders: values['public-folders'],
    ...authFlags,
    ...(faults === undefined ? {} : { faults }),
    ...(values.record === undefined ? {} : { record: values.record }),
    ...(signal === undefined ? {} : { signal }),
  });
  const bearerTokens = authFlags.auth?.includes('bearer')
    ? Object.fromEntries(
        server.credentials.map((c) => [
          c.username,
          server.issueBearerToken(c.username, { expiresInSeconds: 86_400 }),
        ]),
      )
    : undefined;
  print(values.json ? describeJson(server, bearerTokens) : describeText(server, bearerTokens));
  return server;
}
