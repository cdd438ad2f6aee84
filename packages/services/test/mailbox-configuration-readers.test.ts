import { EwsError, type EwsResponse, EwsResponseError } from '@ews/core';
import { describe, expect, it } from 'vitest';
import {
  buildAddDelegate,
  type DelegateInput,
  readGetPasswordExpirationDate,
  readGetUserConfiguration,
  readGetUserRetentionPolicyTags,
  readRemoveDelegate,
  readWriteDelegates,
} from '../src/index.js';
import { decodeResponseText } from '../src/internal/streamed-response.js';
import { envelope, M, T } from './helpers/exchange-envelopes.js';

// Exchange-shaped answers for the mailbox configuration readers, each with what a reader must
// refuse: a delegate answered for another user than the one sent at its position, counts that do
// not match, a configuration named otherwise than asked, typed values outside their type.

const delegateMessage = (address: string) =>
  '<m:DelegateUserResponseMessageType ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode>' +
  `<m:DelegateUser><t:UserId><t:PrimarySmtpAddress>${address}</t:PrimarySmtpAddress></t:UserId>` +
  '<t:DelegatePermissions><t:CalendarFolderPermissionLevel>Editor</t:CalendarFolderPermissionLevel></t:DelegatePermissions>' +
  '</m:DelegateUser></m:DelegateUserResponseMessageType>';
const removedMessage =
  '<m:DelegateUserResponseMessageType ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode></m:DelegateUserResponseMessageType>';
const delegateAnswer = (operation: string, messages: readonly string[] | undefined, outer = 'Success') =>
  decodeResponseText(
    envelope(
      `<m:${operation}Response ResponseClass="${outer}" ${M} ${T}>` +
        (outer === 'Success'
          ? '<m:ResponseCode>NoError</m:ResponseCode>'
          : `<m:MessageText>Failed.</m:MessageText><m:ResponseCode>${outer === 'Error' ? 'ErrorNonExistentMailbox' : 'NoError'}</m:ResponseCode><m:DescriptiveLinkKey>0</m:DescriptiveLinkKey>`) +
        (messages === undefined ? '' : `<m:ResponseMessages>${messages.join('')}</m:ResponseMessages>`) +
        `</m:${operation}Response>`,
    ),
    operation,
  );

const SENT: DelegateInput[] = [{ user: 'dave@contoso.test' }, { user: 'erin@contoso.test' }];
const protocol = (outcome: { ok: boolean; error?: Error } | undefined) =>
  outcome?.ok === false && EwsError.isInstance(outcome.error) && outcome.error.code === 'EWS_PROTOCOL';

describe('delegate writes pair one answer per user, strictly', () => {
  it('answers in order are each user’s delegate', () => {
    const outcomes = readWriteDelegates(
      delegateAnswer('AddDelegate', [
        delegateMessage('dave@contoso.test'),
        delegateMessage('Erin@Contoso.test'),
      ]),
      'AddDelegate',
      SENT,
    );
    expect(outcomes.map((o) => o.ok && o.value.userId.primarySmtpAddress)).toEqual([
      'dave@contoso.test',
      'Erin@Contoso.test',
    ]);
  });

  it('a delegate answered at another user’s position fails that entry, never becomes its result', () => {
    const outcomes = readWriteDelegates(
      delegateAnswer('AddDelegate', [
        delegateMessage('erin@contoso.test'),
        delegateMessage('dave@contoso.test'),
      ]),
      'AddDelegate',
      SENT,
    );
    expect(outcomes.map(protocol)).toEqual([true, true]);
  });

  it('a count that does not match fails every entry; an answer without messages is its own class', () => {
    for (const messages of [[delegateMessage('dave@contoso.test')], [], undefined]) {
      const outcomes = readWriteDelegates(
        delegateAnswer('UpdateDelegate', messages as string[] | undefined),
        'UpdateDelegate',
        SENT,
      );
      expect(outcomes.map(protocol), String(messages?.length)).toEqual([true, true]);
    }
    expect(readRemoveDelegate(delegateAnswer('RemoveDelegate', [removedMessage]), 2).map(protocol)).toEqual([
      true,
      true,
    ]);
    expect(() => readRemoveDelegate(delegateAnswer('RemoveDelegate', undefined, 'Error'), 1)).toThrow(
      EwsResponseError,
    );
    // A success without the DelegateUser it must carry fails that entry alone.
    const bare = readWriteDelegates(
      delegateAnswer('AddDelegate', [removedMessage]),
      'AddDelegate',
      SENT.slice(0, 1),
    );
    expect(bare.map(protocol)).toEqual([true]);
  });

  it('the builder names each user once, in order', () => {
    const body = buildAddDelegate('carol@contoso.test', SENT, 'DelegatesOnly').xml;
    expect(body.indexOf('dave@')).toBeLessThan(body.indexOf('erin@'));
    expect(body).toContain('<m:DeliverMeetingRequests>DelegatesOnly</m:DeliverMeetingRequests>');
  });
});

const configurationAnswer = (inner: string): EwsResponse =>
  decodeResponseText(
    envelope(
      `<m:GetUserConfigurationResponse ${M} ${T}><m:ResponseMessages><m:GetUserConfigurationResponseMessage ResponseClass="Success">` +
        `<m:ResponseCode>NoError</m:ResponseCode>${inner}</m:GetUserConfigurationResponseMessage></m:ResponseMessages></m:GetUserConfigurationResponse>`,
    ),
    'GetUserConfiguration',
  );
const configuration = (name: string, dictionary = '') =>
  `<m:UserConfiguration><t:UserConfigurationName Name="${name}"><t:FolderId Id="AAMk"/></t:UserConfigurationName>${dictionary}</m:UserConfiguration>`;
const entry = (type: string, values: string) =>
  `<t:Dictionary><t:DictionaryEntry><t:DictionaryKey><t:Type>String</t:Type><t:Value>k</t:Value></t:DictionaryKey><t:DictionaryValue><t:Type>${type}</t:Type>${values}</t:DictionaryValue></t:DictionaryEntry></t:Dictionary>`;

describe('GetUserConfiguration answers are checked, not believed', () => {
  it('reads a configuration named as asked (names compare without case)', () => {
    const read = readGetUserConfiguration(
      configurationAnswer(
        configuration('owa.useroptions', entry('Integer64', '<t:Value>9223372036854775807</t:Value>')),
      ),
      'OWA.UserOptions',
    );
    expect(read.dictionary).toEqual([
      {
        key: { type: 'String', value: 'k' },
        value: { type: 'Integer64', value: 9_223_372_036_854_775_807n },
      },
    ]);
  });

  it('refuses another name, a missing configuration and values outside their type', () => {
    const refusals = [
      [configuration('Other'), 'X'],
      ['', 'X'],
      [configuration('X', entry('Byte', '<t:Value>256</t:Value>')), 'X'],
      [configuration('X', entry('Integer32', '<t:Value>2147483648</t:Value>')), 'X'],
      [configuration('X', entry('UnsignedInteger64', '<t:Value>-1</t:Value>')), 'X'],
      [configuration('X', entry('Integer32', '<t:Value>1.5</t:Value>')), 'X'],
      [configuration('X', entry('Boolean', '<t:Value>yes</t:Value>')), 'X'],
      [configuration('X', entry('DateTime', '<t:Value>2026-02-30T00:00:00Z</t:Value>')), 'X'],
      [configuration('X', entry('String', '<t:Value>a</t:Value><t:Value>b</t:Value>')), 'X'],
      [configuration('X', entry('StringArray', '')), 'X'],
      [configuration('X', entry('Double', '<t:Value>1</t:Value>')), 'X'],
      [
        configuration(
          'X',
          '<t:Dictionary><t:DictionaryEntry><t:DictionaryKey><t:Type>String</t:Type><t:Value>k</t:Value></t:DictionaryKey></t:DictionaryEntry></t:Dictionary>',
        ),
        'X',
      ],
    ] as const;
    for (const [inner, asked] of refusals)
      expect(() => readGetUserConfiguration(configurationAnswer(inner), asked), inner).toThrow(
        expect.objectContaining({ code: 'EWS_PROTOCOL' }),
      );
  });
});

describe('GetPasswordExpirationDate and GetUserRetentionPolicyTags', () => {
  const self = (operation: string, inner: string) =>
    decodeResponseText(
      envelope(
        `<m:${operation}Response ResponseClass="Success" ${M} ${T}><m:ResponseCode>NoError</m:ResponseCode>${inner}</m:${operation}Response>`,
      ),
      operation,
    );
  it('reads the date; a missing or impossible one is refused', () => {
    expect(
      readGetPasswordExpirationDate(
        self(
          'GetPasswordExpirationDate',
          '<m:PasswordExpirationDate>2026-04-13T08:00:00Z</m:PasswordExpirationDate>',
        ),
      ),
    ).toEqual(new Date('2026-04-13T08:00:00Z'));
    for (const inner of ['', '<m:PasswordExpirationDate>soon</m:PasswordExpirationDate>'])
      expect(() => readGetPasswordExpirationDate(self('GetPasswordExpirationDate', inner))).toThrow(
        expect.objectContaining({ code: 'EWS_PROTOCOL' }),
      );
  });

  it('reads each tag with its required fields; a tag without one, or of another type, is refused', () => {
    const tag = (overrides: Record<string, string> = {}) => {
      const fields = {
        DisplayName: 'Never Delete',
        RetentionId: '2d8bd2d4-97d9-4b63-8b25-97b6ba9d1a0f',
        RetentionPeriod: '0',
        Type: 'Personal',
        RetentionAction: 'DeleteAndAllowRecovery',
        IsVisible: 'true',
        OptedInto: 'false',
        IsArchive: 'false',
        ...overrides,
      };
      return `<t:RetentionPolicyTag>${Object.entries(fields)
        .filter(([, v]) => v !== '')
        .map(([k, v]) => `<t:${k}>${v}</t:${k}>`)
        .join('')}</t:RetentionPolicyTag>`;
    };
    const read = (tags: string) =>
      readGetUserRetentionPolicyTags(
        self('GetUserRetentionPolicyTags', `<m:RetentionPolicyTags>${tags}</m:RetentionPolicyTags>`),
      );
    expect(read(tag()).map((t) => [t.displayName, t.type, t.retentionPeriod])).toEqual([
      ['Never Delete', 'Personal', 0],
    ]);
    expect(read('')).toEqual([]);
    for (const bad of [
      tag({ RetentionId: 'nope' }),
      tag({ Type: 'Basement' }),
      tag({ RetentionAction: '' }),
      tag({ IsArchive: 'maybe' }),
      tag({ RetentionPeriod: '' }),
    ])
      expect(() => read(bad), bad).toThrow(expect.objectContaining({ code: 'EWS_PROTOCOL' }));
    expect(() => readGetUserRetentionPolicyTags(self('GetUserRetentionPolicyTags', ''))).toThrow(
      expect.objectContaining({ code: 'EWS_PROTOCOL' }),
    );
  });
});
