import { inspect } from 'node:util';
import { EwsInvalidArgumentError } from '@ews/core';
import { describe, expect, it } from 'vitest';
import { authorityUrl, EXCHANGE_APP_SCOPES, EXCHANGE_DELEGATED_SCOPES } from '../src/exchange-defaults.js';
import {
  createHttpsNetworkClient,
  OAuth2AuthorizationCodeCredentials,
  OAuth2Credentials,
  OAuth2DeviceCodeCredentials,
  OAuth2InteractiveCredentials,
  OAuth2LegacyCredentials,
} from '../src/index.js';
import { cachePluginFor, createMemoryTokenCacheStore } from '../src/token-cache-store.js';

const SECRET = 'p~Zq.very-secret-client-value_77';

describe('constructors', () => {
  it('use the Exchange Online scopes of exchangelib by default', () => {
    const app = new OAuth2Credentials({ clientId: 'app', tenantId: 'contoso.example', clientSecret: SECRET });
    expect(app.scopes).toEqual(['https://outlook.office365.com/.default']);
    expect(EXCHANGE_APP_SCOPES).toEqual(app.scopes);
    const user = new OAuth2LegacyCredentials({
      clientId: 'app',
      username: 'a@contoso.example',
      password: SECRET,
    });
    expect(user.scopes).toEqual(['https://outlook.office365.com/EWS.AccessAsUser.All']);
    expect(EXCHANGE_DELEGATED_SCOPES).toEqual(user.scopes);
  });

  it('reject unusable options with EwsInvalidArgumentError, naming the option and not its value', () => {
    const cases: (() => unknown)[] = [
      () => new OAuth2Credentials({ clientId: 'app', tenantId: 't' }),
      () => new OAuth2Credentials({ clientId: '', tenantId: 't', clientSecret: SECRET }),
      () =>
        new OAuth2Credentials({
          clientId: 'app',
          tenantId: 't',
          clientSecret: SECRET,
          clientAssertion: 'x.y.z',
        }),
      () =>
        new OAuth2Credentials({
          clientId: 'app',
          tenantId: 't',
          clientCertificate: { certificate: 'not a certificate', privateKey: SECRET },
        }),
      () => new OAuth2AuthorizationCodeCredentials({ clientId: 'app' }),
      () => new OAuth2AuthorizationCodeCredentials({ clientId: 'app', authorizationCode: SECRET }),
      () => new OAuth2LegacyCredentials({ clientId: 'app', username: 'a@b.example', password: '' }),
      () => new OAuth2DeviceCodeCredentials({ clientId: 'app' } as never),
      () => new OAuth2InteractiveCredentials({ clientId: 'app' } as never),
    ];
    for (const make of cases) {
      const error = (() => {
        try {
          make();
        } catch (caught) {
          return caught;
        }
        return undefined;
      })();
      expect(error).toBeInstanceOf(EwsInvalidArgumentError);
      expect(String(error)).not.toContain(SECRET);
    }
  });

  it('never print their secrets', () => {
    const objects = [
      new OAuth2Credentials({ clientId: 'app', tenantId: 't', clientSecret: SECRET }),
      new OAuth2LegacyCredentials({ clientId: 'app', username: 'a@b.example', password: SECRET }),
      new OAuth2AuthorizationCodeCredentials({ clientId: 'app', refreshToken: SECRET }),
    ];
    for (const credentials of objects) {
      const printed = [
        inspect(credentials, { depth: 10, showHidden: true }),
        JSON.stringify(credentials),
        inspect(credentials.toAuthStrategy(), { depth: 10, showHidden: true }),
      ].join('\n');
      expect(printed).toContain('app');
      expect(printed).not.toContain(SECRET);
    }
  });
});

describe('helpers', () => {
  it('authorityUrl joins host and tenant', () => {
    expect(authorityUrl('https://login.microsoftonline.com/', 'contoso.onmicrosoft.com')).toBe(
      'https://login.microsoftonline.com/contoso.onmicrosoft.com',
    );
  });

  it('the network client refuses plain http identity endpoints', async () => {
    const client = createHttpsNetworkClient();
    await expect(client.sendGetRequestAsync('http://127.0.0.1:9/x')).rejects.toBeInstanceOf(
      EwsInvalidArgumentError,
    );
  });

  it('the cache plugin loads before and saves after a changed access only', async () => {
    const store = createMemoryTokenCacheStore();
    await store.save('{"Account":{}}');
    const plugin = cachePluginFor(store);
    const deserialized: string[] = [];
    const tokenCache = {
      deserialize: (data: string) => deserialized.push(data),
      serialize: () => '{"Account":{"a":1}}',
    };
    await plugin.beforeCacheAccess({ tokenCache, cacheHasChanged: false } as never);
    expect(deserialized).toEqual(['{"Account":{}}']);
    await plugin.afterCacheAccess({ tokenCache, cacheHasChanged: false } as never);
    expect(await store.load()).toBe('{"Account":{}}');
    await plugin.afterCacheAccess({ tokenCache, cacheHasChanged: true } as never);
    expect(await store.load()).toBe('{"Account":{"a":1}}');
  });
});
