import { closeConnections, EwsError } from '@ews/client';
import { startTestServer } from '@ews/test-server';
import { checkConnection, connectToExchange, type ExchangeSettings } from './connect.js';

// Against your server: EWS_SERVER=exchange.company.local EWS_USERNAME='COMPANY\svc' EWS_PASSWORD=…
// EWS_EMAIL=user@company.local (and EWS_CA_FILE=/path/to/ca.pem for a self-signed certificate).
// Otherwise an embedded in-memory Exchange over HTTPS with a self-signed certificate and NTLM.
async function main(): Promise<void> {
  const { EWS_SERVER, EWS_USERNAME, EWS_PASSWORD, EWS_EMAIL, EWS_CA_FILE } = process.env;
  if (EWS_SERVER && EWS_USERNAME && EWS_PASSWORD && EWS_EMAIL) {
    const { readFile } = await import('node:fs/promises');
    const ca = EWS_CA_FILE ? await readFile(EWS_CA_FILE, 'utf8') : undefined;
    await run({
      server: EWS_SERVER,
      username: EWS_USERNAME,
      password: EWS_PASSWORD,
      email: EWS_EMAIL,
      tls: ca === undefined ? undefined : { ca },
    });
    return;
  }
  const server = await startTestServer({ tls: true, auth: ['ntlm'] });
  try {
    const alice = server.mailboxes.find((mailbox) => mailbox.kind === 'user');
    if (!alice || !server.tls) throw new Error('the demo seed has users and TLS');
    const host = new URL(server.url).host;
    const [user] = alice.address.split('@');
    console.log(`Embedded Exchange at ${server.url} (self-signed certificate, NTLM)`);
    await run({
      server: host,
      username: `CONTOSO\\${user}`,
      password: alice.password,
      email: alice.address,
      tls: { ca: server.tls.ca },
    });
  } finally {
    await server.close();
  }
}

async function run(settings: ExchangeSettings): Promise<void> {
  const account = connectToExchange(settings);
  try {
    const report = await checkConnection(account);
    console.log(`Connected to mailbox: ${report.mailbox}`);
    console.log(
      `Inbox: ${report.inboxTotal} items, ${report.inboxUnread} unread; server build ${report.serverBuild ?? '?'}`,
    );
  } catch (error) {
    // Codes are stable (EWS_TRANSPORT for a certificate problem, EWS_AUTH for a refused sign-in).
    if (error instanceof EwsError) console.error(`Connection failed (${error.code}): ${error.message}`);
    throw error;
  } finally {
    await closeConnections(account);
  }
}

await main();
