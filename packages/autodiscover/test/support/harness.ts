import { createBasicAuth } from '@ews/core';
import type { Agent } from 'undici';
import { afterEach, beforeAll } from 'vitest';
import { Autodiscover, type AutodiscoverOptions, type SrvRecord } from '../../src/index.js';
import { FakeInternet } from './fake-internet.js';
import { createTestPki, type TestPki } from './test-pki.js';

export const DOMAIN = 'contoso.test';
export const EMAIL = `anna@${DOMAIN}`;
export const EWS = `https://mail.${DOMAIN}/EWS/Exchange.asmx`;
export const SVC = '/autodiscover/autodiscover.svc';
export const XML = '/autodiscover/autodiscover.xml';

/**
 * Loopback virtual hosts for one test file: `harness.fresh()` starts a new FakeInternet,
 * `harness.autodiscover()` an instance that reaches it; both are closed after each test.
 */
export function useFakeInternet(): {
  fresh(): Promise<FakeInternet>;
  autodiscover(options?: AutodiscoverOptions, srv?: readonly SrvRecord[]): Autodiscover;
} {
  let pki: TestPki;
  let internet: FakeInternet | undefined;
  let dispatcher: Agent | undefined;
  const instances: Autodiscover[] = [];

  beforeAll(async () => {
    pki = await createTestPki([DOMAIN, 'fabrikam.test', 'evil.test', 'hoster.test']);
  });

  afterEach(async () => {
    await Promise.all(instances.splice(0).map((instance) => instance.close()));
    // destroy, not close: a connection still stuck in a black hole's handshake is not waited for.
    await dispatcher?.destroy();
    await internet?.close();
    dispatcher = undefined;
    internet = undefined;
  });

  return {
    async fresh() {
      internet = await FakeInternet.start(pki);
      dispatcher = internet.dispatcher(pki.ca);
      return internet;
    },
    autodiscover(options = {}, srv = []) {
      const instance = new Autodiscover({
        auth: createBasicAuth({ username: EMAIL, password: 'Secret-Pa55' }),
        transport: { dispatcher },
        dns: { resolveSrv: async () => srv },
        stepTimeoutMs: 5_000,
        ...options,
      });
      instances.push(instance);
      return instance;
    },
  };
}

/** The rejection of `promise`, or undefined when it resolves. */
export const failure = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );
