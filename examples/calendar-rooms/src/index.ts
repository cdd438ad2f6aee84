// `pnpm demo`: the meeting-room flow end to end. Against the embedded in-memory Exchange by
// default; against a real server when EWS_SERVER, EWS_USERNAME, EWS_PASSWORD and EWS_EMAIL are set.
import { startTestServer } from '@ews/test-server';
import { runDemo } from './demo.js';

const { EWS_SERVER, EWS_USERNAME, EWS_PASSWORD, EWS_EMAIL } = process.env;
if (EWS_SERVER && EWS_USERNAME && EWS_PASSWORD && EWS_EMAIL) {
  await runDemo({
    serviceEndpoint: EWS_SERVER.includes('/') ? EWS_SERVER : `https://${EWS_SERVER}/EWS/Exchange.asmx`,
    username: EWS_USERNAME,
    password: EWS_PASSWORD,
    serviceAddress: EWS_EMAIL,
    user: EWS_EMAIL,
    attendees: [],
    now: new Date(),
  });
} else {
  const server = await startTestServer({ port: 0, seed: 'demo' });
  try {
    const service = server.mailboxes.find((mailbox) => mailbox.kind === 'service');
    if (!service) throw new Error('the demo seed has no service account');
    console.log(`Embedded Exchange at ${server.url}`);
    await runDemo({
      serviceEndpoint: server.url,
      username: service.address,
      password: service.password,
      serviceAddress: service.address,
      user: 'alice@contoso.test',
      attendees: ['bob@contoso.test', 'carol@contoso.test'],
      now: new Date(),
      allowInsecureHttp: true, // loopback only
    });
  } finally {
    await server.close();
  }
}
