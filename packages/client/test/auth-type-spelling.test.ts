import { describe, expect, it } from 'vitest';
import { type AuthType, type AuthTypeOption, Configuration, Credentials } from '../src/index.js';

// AuthType is spelled one way (lower case); exchangelib's 'NTLM' is still accepted as input.
describe('authType spelling', () => {
  const spellings: readonly (readonly [AuthTypeOption, AuthType])[] = [
    ['basic', 'basic'],
    ['digest', 'digest'],
    ['ntlm', 'ntlm'],
    ['NTLM', 'ntlm'],
    ['kerberos', 'kerberos'],
    ['oauth2', 'oauth2'],
  ];
  it.each(spellings)('%s is read as %s, in the property and in toJSON', (given, canonical) => {
    const configuration = new Configuration({
      server: 'mail.example.com',
      credentials: new Credentials('user', 'secret'),
      authType: given,
    });
    expect(configuration.authType).toBe(canonical);
    expect(configuration.toJSON().authType).toBe(canonical);
  });
});
