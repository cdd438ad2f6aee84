import { describe, expect, it } from 'vitest';
import { parseNtlmUsername } from '../src/credentials.js';

describe('parseNtlmUsername', () => {
  it.each([
    ['EWS\\alice', undefined, { user: 'alice', domain: 'EWS' }],
    ['ews\\Alice', undefined, { user: 'Alice', domain: 'ews' }], // case kept as given
    ['alice@ews.test', undefined, { user: 'alice@ews.test', domain: '' }], // UPN, as Windows sends it
    ['alice', undefined, { user: 'alice', domain: '' }],
    ['alice', 'Contoso', { user: 'alice', domain: 'Contoso' }],
    ['EWS\\alice', 'EWS', { user: 'alice', domain: 'EWS' }],
  ])('%j (domain %j)', (username, domain, expected) => {
    expect(parseNtlmUsername(username, domain)).toEqual(expected);
  });

  it.each([
    ['', undefined],
    ['EWS\\', undefined],
    ['A\\B\\c', undefined],
    ['EWS\\alice', 'OTHER'],
    ['alice@ews.test', 'EWS'],
  ])('rejects %j (domain %j) with a reason', (username, domain) => {
    expect(typeof parseNtlmUsername(username, domain)).toBe('string');
  });
});
