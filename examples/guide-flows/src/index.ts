// `pnpm start`: the guide's Steps 4 and 5, its connection test and its performance section,
// against the embedded in-memory Exchange by default, or a real server when EWS_SERVER,
// EWS_USERNAME, EWS_PASSWORD and EWS_EMAIL are set.
import { closeConnections } from '@ews/client';
import { startTestServer } from '@ews/test-server';
import { type ConnectionSettings, configure } from './connection.js';
import { testConnection } from './connection-test.js';
import { ImpersonationClient } from './impersonation-client.js';
import { OptimizedClient } from './optimized-client.js';
import { RobustClient } from './robust-client.js';

/** `service` impersonates `users`; `own` (the first user's sign-in) runs the delegate flows. */
async function run(
  service: ConnectionSettings,
  own: ConnectionSettings,
  users: readonly string[],
): Promise<void> {
  const user = users[0] ?? '';
  const report = await testConnection(configure(own), user);
  console.log(report.lines.join('\n'));

  const serviceConfig = configure(service);
  const config = configure(own);
  try {
    const now = new Date();
    const everyone = await new ImpersonationClient(serviceConfig).multipleUserEvents(users, { start: now });
    for (const [email, events] of Object.entries(everyone))
      console.log(
        `${email}: ${'error' in events ? `error ${events.error}` : `${events.length} events this week`}`,
      );

    const robust = new RobustClient(config, { log: (line) => console.log(`  [robust] ${line}`) });
    const account = await robust.connect(user);
    console.log(`Found ${(await robust.safeGetEvents(now)).length} events in the next 30 days`);

    console.log('Latest three events:');
    let shown = 0;
    for await (const item of new OptimizedClient(account).events()) {
      console.log(`  ${item.start?.toISOString()}  ${item.subject}`);
      if (++shown === 3) break;
    }
  } finally {
    await closeConnections(config, serviceConfig);
  }
}

const { EWS_SERVER, EWS_USERNAME, EWS_PASSWORD, EWS_EMAIL } = process.env;
if (EWS_SERVER && EWS_USERNAME && EWS_PASSWORD && EWS_EMAIL) {
  const serviceEndpoint = EWS_SERVER.includes('/') ? EWS_SERVER : `https://${EWS_SERVER}/EWS/Exchange.asmx`;
  const settings = { serviceEndpoint, username: EWS_USERNAME, password: EWS_PASSWORD };
  await run(settings, settings, [EWS_EMAIL]);
} else {
  const server = await startTestServer({ port: 0, seed: 'demo' });
  try {
    const signIn = (address: string): ConnectionSettings => {
      const found = server.mailboxes.find((mailbox) => mailbox.address === address);
      if (!found) throw new Error(`the demo seed has no ${address}`);
      return {
        serviceEndpoint: server.url,
        username: address,
        password: found.password,
        allowInsecureHttp: true,
      };
    };
    console.log(`Embedded Exchange at ${server.url}`);
    await run(signIn('ews.service@contoso.test'), signIn('alice@contoso.test'), [
      'alice@contoso.test',
      'bob@contoso.test',
      'nobody@contoso.test',
    ]);
  } finally {
    await server.close();
  }
}
