import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createNtlmAuth } from '../../src/index.js';
import { SingleSocketDriver } from '../support/single-socket-driver.js';
import { type AccessLine, type NtlmLab, requireNtlmLab, settledLog, watchAccessLog } from './lab.js';

/**
 * The strategy alone, over one keep-alive socket, against Apache mod_auth_gssapi + gss-ntlmssp in
 * strict mode (no framing shim): an acceptor nobody on the team wrote, which rejects the legacy
 * 32-byte NEGOTIATE and checks the MIC.
 */
describe('NTLM against gss-ntlmssp (tools/authlab, endpoint NTLM)', () => {
  let lab: NtlmLab;
  let accessLog: () => AccessLine[];
  const drivers: SingleSocketDriver[] = [];
  beforeEach(() => {
    lab = requireNtlmLab();
    accessLog = watchAccessLog(lab.accessLog, lab.url);
  });
  afterEach(() => {
    for (const driver of drivers.splice(0)) driver.close();
  });
  const driverFor = (username: string, password: string, url = lab.url) => {
    const driver = new SingleSocketDriver(new URL(url), createNtlmAuth({ username, password }));
    drivers.push(driver);
    return driver;
  };

  it('good credentials reach the backend as EWS\\alice; after warm-up each call is ONE request on the SAME socket', async () => {
    const driver = driverFor('EWS\\alice', lab.password);
    const first = await driver.call();
    expect(first.response.status).toBe(200);
    expect(first.response.headers['x-authlab-user']).toBe(lab.expectUser);
    expect(first.requests).toBe(2);
    const calls = 5;
    for (let i = 0; i < calls; i++) {
      const next = await driver.call();
      expect(next.response.status).toBe(200);
      expect(next.requests).toBe(1);
      expect(next.response.headers['x-authlab-user']).toBe('EWS\\alice');
    }
    const log = await settledLog(accessLog, { atLeast: 2 + calls });
    expect(log).toHaveLength(2 + calls);
    expect(new Set(log.map((line) => line.client)).size).toBe(1); // one TCP connection for everything
    expect(log.map((line) => line.status)).toEqual([401, ...Array<number>(1 + calls).fill(200)]);
    expect(log.map((line) => line.keepAlive)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    // Apache logs REMOTE_USER with the backslash escaped.
    expect(log.map((line) => line.user)).toEqual(['-', ...Array<string>(1 + calls).fill('EWS\\\\alice')]);
    expect(driver.sockets).toHaveLength(1);
  });

  it('works where the server offers Negotiate and NTLM (Exchange default): 2 requests, then 1', async () => {
    const driver = driverFor('EWS\\alice', lab.password, lab.negotiateUrl);
    const first = await driver.call();
    expect(first.response.status).toBe(200);
    expect(first.response.headers['x-authlab-user']).toBe('EWS\\alice');
    expect(first.requests).toBe(2);
    expect((await driver.call()).requests).toBe(1);
  });

  it('a bare user name authenticates with an empty domain', async () => {
    const result = await driverFor('alice', lab.password).call();
    expect(result.response.status).toBe(200);
    expect(result.response.headers['x-authlab-user']).toBe('alice');
  });

  it('a wrong password is refused after a bounded number of requests (2), and the strategy gives up', async () => {
    const result = await driverFor('EWS\\alice', 'not-the-password').call();
    expect(result.response.status).toBe(401);
    expect(result.gaveUp).toBe(true);
    expect(result.requests).toBe(2);
    expect(await settledLog(accessLog, { atLeast: 2 })).toHaveLength(2);
  });

  it('a wrong domain is refused', async () => {
    const result = await driverFor('OTHER\\alice', lab.password).call();
    expect(result.response.status).toBe(401);
    expect(result.gaveUp).toBe(true);
  });
});
