import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { createBasicAuth } from '../../src/auth/basic.js';
import { EwsError } from '../../src/errors/ews-error.js';
import { createBasicServerHandler } from '../../src/testing/basic-server-handler.js';
import { type LoopbackAuthServer, startLoopbackAuthServer } from '../../src/testing/loopback-auth-server.js';
import { sendWithAuth } from '../../src/testing/reference-driver.js';

const PASSWORD = 'Pä$$wörd-ünïcode';
let server: LoopbackAuthServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('createBasicAuth', () => {
  it('sends UTF-8 credentials pre-emptively and is accepted by a Basic server', async () => {
    server = await startLoopbackAuthServer(createBasicServerHandler({ users: { jörg: PASSWORD } }));
    const auth = createBasicAuth({ username: 'jörg', password: PASSWORD });
    const result = await sendWithAuth(auth, { url: server.url });
    expect(result).toMatchObject({ status: 200, user: 'jörg', requests: 1 });
    expect(server.exchanges[0]?.authorization).toBe(
      `Basic ${Buffer.from(`jörg:${PASSWORD}`, 'utf8').toString('base64')}`,
    );
    expect(auth.sendsReusableSecret).toBe(true);
  });

  it('gives up after one request when the password is wrong, naming the offered schemes', async () => {
    server = await startLoopbackAuthServer(createBasicServerHandler({ users: { alice: 'right' } }));
    const auth = createBasicAuth({ username: 'alice', password: 'wrong-password' });
    const error = await sendWithAuth(auth, { url: server.url }).catch((e: unknown) => e);
    expect(EwsError.isInstance(error) && error.code).toBe('EWS_AUTH');
    expect((error as { offeredSchemes: string[] }).offeredSchemes).toEqual(['Basic']);
    expect(server.exchanges).toHaveLength(1);
  });

  it('validates eagerly without echoing the password', () => {
    const cases: [unknown, string][] = [
      [{ username: '', password: 'x' }, 'username must not be empty'],
      [{ username: 'a:b', password: 'x' }, "username must not contain ':'"],
      [
        { username: 'alice', password: 'secret\r\nX-Injected: 1' },
        'password must not contain control characters',
      ],
      [{ username: 'alice', password: 42 }, 'password must be a string'],
      [undefined, 'needs an options object'],
    ];
    for (const [options, message] of cases) {
      let caught: unknown;
      try {
        createBasicAuth(options as never);
      } catch (error) {
        caught = error;
      }
      expect(EwsError.isInstance(caught) && caught.code).toBe('EWS_INVALID_ARGUMENT');
      expect((caught as Error).message).toContain(message);
      expect(inspect(caught)).not.toContain('secret');
    }
    expect(createBasicAuth({ username: 'alice', password: '' }).scheme).toBe('Basic');
  });

  it('never shows the credentials when printed', () => {
    const auth = createBasicAuth({ username: 'alice', password: PASSWORD });
    const encoded = Buffer.from(`alice:${PASSWORD}`).toString('base64');
    const printed = `${inspect(auth, { showHidden: true, depth: 5 })} ${JSON.stringify(auth)} ${String(auth)}`;
    expect(printed).toContain('Basic');
    expect(printed).not.toContain(PASSWORD);
    expect(printed).not.toContain(encoded);
  });
});
