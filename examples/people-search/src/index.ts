// `pnpm demo`: people search against the embedded in-memory Exchange by default; against a real
// server when EWS_SERVER, EWS_USERNAME, EWS_PASSWORD and EWS_EMAIL are set.
import { Account, Configuration, Credentials } from '@ews/client';
import { startTestServer } from '@ews/test-server';
import { runPeopleSearch } from './people-search.js';

const { EWS_SERVER, EWS_USERNAME, EWS_PASSWORD, EWS_EMAIL } = process.env;
const query = process.argv[2] ?? 'car';
const resolve = process.argv[3] ?? 'carol';

if (EWS_SERVER && EWS_USERNAME && EWS_PASSWORD && EWS_EMAIL) {
  const account = new Account({
    primarySmtpAddress: EWS_EMAIL,
    config: new Configuration({
      serviceEndpoint: EWS_SERVER.includes('/') ? EWS_SERVER : `https://${EWS_SERVER}/EWS/Exchange.asmx`,
      credentials: new Credentials(EWS_USERNAME, EWS_PASSWORD),
    }),
  });
  try {
    await runPeopleSearch(account, { query, resolve });
  } finally {
    await account.close();
  }
} else {
  const server = await startTestServer({ port: 0, seed: 'demo' });
  const alice = server.mailboxes.find((mailbox) => mailbox.address === 'alice@contoso.test');
  if (!alice) throw new Error('the demo seed has no alice');
  const account = new Account({
    primarySmtpAddress: alice.address,
    config: new Configuration({
      serviceEndpoint: server.url,
      credentials: new Credentials(alice.address, alice.password),
      allowInsecureHttp: true, // loopback only
    }),
  });
  try {
    console.log(`Embedded Exchange at ${server.url}`);
    await runPeopleSearch(account, { query, resolve, distributionList: 'dl.product@contoso.test' });
  } finally {
    await account.close();
    await server.close();
  }
}
