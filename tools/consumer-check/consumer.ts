// A consumer's program, written only from the READMEs, type-checked against the packed tarballs
// (strict, skipLibCheck: false) and run against @ews/test-server: the seed guide's setup (a
// delegate booking in another mailbox over NTLM with channel binding) plus the trust checks that
// outside use once caught failing silently (issue 12): where writes land, bulk results per
// input, channel binding on resumed TLS sessions, a deadline by default, secrets kept out of
// what a Configuration prints.
import { inspect } from 'node:util';
import {
  Account,
  CalendarItemModel,
  Configuration,
  Credentials,
  closeConnections,
  DELEGATE,
  EwsError,
  MessageModel,
} from '@ews/client';
import { type NtlmSignIn, startTestServer } from '@ews/test-server';

function check(condition: boolean, what: string): void {
  if (!condition) throw new Error(`consumer check failed: ${what}`);
  console.log(`ok - ${what}`);
}

const signIns: NtlmSignIn[] = [];
const server = await startTestServer({
  seed: 'demo',
  tls: true,
  auth: ['ntlm'],
  ntlm: { onSignedIn: (signIn) => signIns.push(signIn) },
  keepAliveTimeoutMs: 300,
});
const ca = server.tls?.ca;
if (ca === undefined) throw new Error('the test server has no TLS material');
const config = new Configuration({
  serviceEndpoint: server.url,
  credentials: new Credentials('CONTOSO\\grace', 'Grace-Demo-2016!'),
  authType: 'NTLM',
  tls: { ca },
});
try {
  check(
    !inspect(config).includes('Grace-Demo-2016!') && !JSON.stringify(config).includes('Grace-Demo-2016!'),
    'a Configuration never prints its password',
  );
  let refused: unknown;
  try {
    new Configuration({ serviceEndpoint: 'https://grace:pw@mail.contoso.test/EWS/Exchange.asmx' });
  } catch (error) {
    refused = error;
  }
  check(
    EwsError.isInstance(refused) && refused.code === 'EWS_INVALID_ARGUMENT',
    'a password in the URL is refused',
  );

  // Grace works on Alice's mailbox as her delegate (the seed guide's CalendarItem(account=…).save()).
  const alice = new Account({ primarySmtpAddress: 'alice@contoso.test', config, accessType: DELEGATE });
  const start = new Date(Date.now() + 3 * 86_400_000);
  start.setUTCHours(9, 0, 0, 0);
  const end = new Date(start.getTime() + 3_600_000);
  const meeting = await alice.items.save(CalendarItemModel, {
    subject: 'Consumer check: planning',
    start,
    end,
  });
  const snapshot = server.snapshot();
  const aliceCalendar = snapshot.mailbox('alice@contoso.test');
  const inAlice = aliceCalendar
    .itemsIn(aliceCalendar.folder('calendar').id)
    .filter((i) => i.subject === 'Consumer check: planning');
  const grace = snapshot.mailbox('grace@contoso.test');
  const inGrace = grace.items.filter((i) => i.subject === 'Consumer check: planning');
  check(
    inAlice.length === 1 && inAlice[0]?.id === meeting.id && inGrace.length === 0,
    "a delegate's meeting saved without a folder lands in the account's calendar, not the signed-in user's",
  );

  // Bulk: one result per input, in input order, each naming its own item.
  const subjects = Array.from({ length: 250 }, (_, i) => `Consumer check draft ${i}`);
  const results = await alice.bulkCreate(
    MessageModel,
    subjects.map((subject) => ({ subject })),
    { chunkSize: 100 },
  );
  const byId = new Map(
    server
      .snapshot()
      .mailbox('alice@contoso.test')
      .items.map((i) => [i.id, i.subject]),
  );
  check(
    results.length === subjects.length &&
      results.every((r, i) => r.ok && r.value !== undefined && byId.get(r.value.id) === subjects[i]),
    'bulkCreate gives one result per input, each with its own id',
  );
  let nanRefused: unknown;
  try {
    await alice.bulkCreate(MessageModel, [{ subject: 'x' }], {
      chunkSize: Number(process.env.EWS_UNSET_CHUNK_SIZE),
    });
  } catch (error) {
    nanRefused = error;
  }
  check(
    EwsError.isInstance(nanRefused) && nanRefused.code === 'EWS_INVALID_ARGUMENT',
    'chunkSize: NaN is refused',
  );

  // NTLM with channel binding (required by the server): several sockets at once, then again
  // after the server closed the idle ones (new sockets resume the TLS session).
  const calls = () => Promise.all(Array.from({ length: 4 }, () => alice.calendar.get()));
  await calls();
  await new Promise((resolve) => setTimeout(resolve, 800));
  await calls();
  const resumed = signIns.filter((signIn) => signIn.tlsSessionReused && signIn.channelBound).length;
  check(
    signIns.every((signIn) => signIn.channelBound) && resumed >= 3,
    `NTLM binds every handshake to the TLS channel, resumed sessions included (${signIns.length} sign-ins, ${resumed} resumed)`,
  );

  let seen = 0;
  for await (const item of alice.calendar.view({
    start: new Date(start.getTime() - 86_400_000),
    end: new Date(end.getTime() + 86_400_000),
  })) {
    if (item.subject === 'Consumer check: planning') seen++;
  }
  check(seen === 1, 'the calendar view shows the booked meeting once');
} finally {
  await closeConnections(config);
  await server.close();
}
