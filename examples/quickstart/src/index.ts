// `pnpm example`: starts the in-memory Exchange with its demo company, signs in as the first
// demo user, and runs the quickstart against it over real HTTP on 127.0.0.1.
import { startTestServer } from '@ews/test-server';
import { runQuickstart } from './quickstart.js';

const server = await startTestServer({ port: 0, seed: 'demo' });
try {
  const [user] = server.credentials;
  if (!user) throw new Error('the demo seed has no users');
  console.log(`In-memory Exchange at ${server.url}; signed in as ${user.username}`);
  await runQuickstart({ url: server.url, username: user.username, password: user.password });
} finally {
  await server.close();
}
