import type { XmlFragment } from '@ews/core';
import { type CallOptions, EwsHttpError, type EwsResponse } from '@ews/core';
import { describe, expect, it } from 'vitest';
import { getUserPhoto } from '../src/account/people.js';
import {
  type AccountContext,
  buildFindPeople,
  expandDistributionList,
  findPeople,
  readFindPeople,
} from '../src/index.js';
import { decodeResponseText } from '../src/internal/streamed-response.js';
import { readGetUserPhoto } from '../src/operations/get-user-photo.js';
import { bareEnvelope as envelope, M, T } from './helpers/exchange-envelopes.js';

// What the people readers refuse (habit 12): counts that disagree, pages that end early, answers
// that cannot be what was asked (a 304 to a request without an ETag), nested lists that name
// nothing, ETags that are not one. Each case is an Exchange-shaped answer changed in one place.

const selfAnswer = (operation: string, inner: string, headers?: Record<string, string>): EwsResponse => {
  const response = decodeResponseText(
    envelope(
      `<m:${operation}Response ${M} ${T} ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode>${inner}</m:${operation}Response>`,
    ),
    operation,
  );
  return headers === undefined ? response : { ...response, headers };
};
const persona = (n: number) =>
  `<t:Persona><t:PersonaId Id="P${n}"/><t:DisplayName>Person ${n}</t:DisplayName></t:Persona>`;
const peoplePage = (ids: readonly number[], total?: number) =>
  selfAnswer(
    'FindPeople',
    `<m:People>${ids.map(persona).join('')}</m:People>${total === undefined ? '' : `<m:TotalNumberOfPeopleInView>${total}</m:TotalNumberOfPeopleInView>`}`,
  );

/** An account answering each request with the next canned answer (or throwing it). */
function scripted(answers: readonly (EwsResponse | Error)[]): AccountContext & { readonly sent: string[] } {
  const sent: string[] = [];
  let next = 0;
  return {
    primarySmtpAddress: 'alice@contoso.com',
    version: 'Exchange2013_SP1',
    sent,
    async send(_operation: string, body: XmlFragment, _options?: CallOptions): Promise<EwsResponse> {
      sent.push(body.xml);
      const answer = answers[next++];
      if (answer === undefined) throw new Error('no more answers');
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
}

async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe('FindPeople', () => {
  it('refuses a page longer than asked, or than the view', () => {
    expect(() => readFindPeople(peoplePage([1, 2, 3]), { maxEntries: 2 })).toThrow(
      expect.objectContaining({ code: 'EWS_PROTOCOL' }),
    );
    expect(() => readFindPeople(peoplePage([1, 2, 3], 2))).toThrow(
      expect.objectContaining({ code: 'EWS_PROTOCOL' }),
    );
    expect(() =>
      readFindPeople(
        selfAnswer('FindPeople', '<m:TotalNumberOfPeopleInView>-1</m:TotalNumberOfPeopleInView>'),
      ),
    ).toThrow(expect.objectContaining({ code: 'EWS_PROTOCOL' }));
  });

  it('pages to the total, and refuses a page that ends the view early', async () => {
    const account = scripted([peoplePage([1, 2], 3), peoplePage([3], 3)]);
    const people = await all(findPeople(account, { pageSize: 2 }));
    expect(people.map((p) => p.personaId?.id)).toEqual(['P1', 'P2', 'P3']);
    expect(account.sent[1]).toContain('Offset="2"');
    const early = scripted([peoplePage([1, 2], 5), peoplePage([], 5)]);
    await expect(all(findPeople(early, { pageSize: 2 }))).rejects.toMatchObject({ code: 'EWS_PROTOCOL' });
    // Without a total: a short page is the last.
    const untold = scripted([peoplePage([1, 2]), peoplePage([3])]);
    expect(await all(findPeople(untold, { pageSize: 2 }))).toHaveLength(3);
  });

  it('writes the sort order and the folder the schema way', () => {
    const body = buildFindPeople({ folder: 'directory', sort: ['-surname', 'givenName'], query: 'a&b' }).xml;
    expect(body).toContain(
      '<m:SortOrder><t:FieldOrder Order="Descending"><t:FieldURI FieldURI="persona:Surname"/></t:FieldOrder>' +
        '<t:FieldOrder Order="Ascending"><t:FieldURI FieldURI="persona:GivenName"/></t:FieldOrder></m:SortOrder>',
    );
    expect(body).toContain('<t:DistinguishedFolderId Id="directory"/>');
    expect(body).toContain('<m:QueryString>a&amp;b</m:QueryString>');
    expect(() => buildFindPeople({ sort: ['bodies' as never] }).xml).toThrow(
      expect.objectContaining({ code: 'EWS_INVALID_ARGUMENT' }),
    );
  });
});

describe('GetUserPhoto', () => {
  const photo = (inner: string, headers?: Record<string, string>) =>
    selfAnswer('GetUserPhoto', inner, headers);

  it('reads the photo and its ETag; refuses what cannot be the answer', () => {
    const ok = readGetUserPhoto(
      photo('<m:HasChanged>true</m:HasChanged><m:PictureData>R0lGODlh</m:PictureData>', { etag: '"e1"' }),
      undefined,
    );
    expect(ok).toMatchObject({ status: 'photo', etag: '"e1"' });
    const refused = [
      [photo('<m:PictureData>R0lGODlh</m:PictureData>'), undefined],
      [photo('<m:HasChanged>true</m:HasChanged>'), undefined],
      [photo('<m:HasChanged>true</m:HasChanged><m:PictureData>not base64!</m:PictureData>'), undefined],
      [photo('<m:HasChanged>false</m:HasChanged>'), undefined],
      [
        photo('<m:HasChanged>true</m:HasChanged><m:PictureData>R0lGODlh</m:PictureData>', { etag: 'e1' }),
        undefined,
      ],
      [
        photo('<m:HasChanged>true</m:HasChanged><m:PictureData>R0lGODlh</m:PictureData>', {
          etag: `"${'a'.repeat(300)}"`,
        }),
        undefined,
      ],
    ] as const;
    for (const [response, sent] of refused) {
      expect(() => readGetUserPhoto(response, sent)).toThrow(
        expect.objectContaining({ code: 'EWS_PROTOCOL' }),
      );
    }
    expect(readGetUserPhoto(photo('<m:HasChanged>false</m:HasChanged>'), '"e1"')).toEqual({
      status: 'notModified',
      notModified: true,
      etag: '"e1"',
    });
  });

  it('reads HTTP 304 as not modified only when an ETag was sent, and 404 as no photo', async () => {
    const notModified = new EwsHttpError('HTTP 304', 304, { responseHeaders: { etag: '"e1"' } });
    expect(await getUserPhoto(scripted([notModified]), 'bob@contoso.com', { etag: '"e1"' })).toEqual({
      status: 'notModified',
      notModified: true,
      etag: '"e1"',
    });
    await expect(getUserPhoto(scripted([notModified]), 'bob@contoso.com', {})).rejects.toMatchObject({
      code: 'EWS_PROTOCOL',
    });
    const missing = new EwsHttpError('HTTP 404', 404);
    expect(await getUserPhoto(scripted([missing]), 'bob@contoso.com', {})).toEqual({
      status: 'notFound',
      notModified: false,
    });
    const other = new EwsHttpError('HTTP 500', 500);
    await expect(getUserPhoto(scripted([other]), 'bob@contoso.com', {})).rejects.toBe(other);
  });
});

describe('ExpandDL, recursive', () => {
  const expansion = (members: string) =>
    decodeResponseText(
      envelope(
        `<m:ExpandDLResponse ${M} ${T}><m:ResponseMessages><m:ExpandDLResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode>` +
          `<m:DLExpansion TotalItemsInView="${(members.match(/<t:Mailbox>/g) ?? []).length}" IncludesLastItemInRange="true">${members}</m:DLExpansion>` +
          '</m:ExpandDLResponseMessage></m:ResponseMessages></m:ExpandDLResponse>',
      ),
      'ExpandDL',
    );
  const mailbox = (address: string, type = 'Mailbox') =>
    `<t:Mailbox><t:EmailAddress>${address}</t:EmailAddress><t:RoutingType>SMTP</t:RoutingType><t:MailboxType>${type}</t:MailboxType></t:Mailbox>`;

  it('refuses a nested list that names neither address nor id', async () => {
    const account = scripted([
      expansion('<t:Mailbox><t:Name>Team</t:Name><t:MailboxType>PublicDL</t:MailboxType></t:Mailbox>'),
    ]);
    await expect(
      expandDistributionList(account, 'all@contoso.com', { recursive: true }),
    ).rejects.toMatchObject({
      code: 'EWS_PROTOCOL',
    });
  });

  it('expands each list once however often it is met, and lists each person once', async () => {
    const account = scripted([
      expansion(
        mailbox('a@contoso.com') +
          mailbox('team@contoso.com', 'PublicDL') +
          mailbox('ALL@contoso.com', 'PublicDL'),
      ),
      expansion(mailbox('A@contoso.com') + mailbox('b@contoso.com') + mailbox('all@contoso.com', 'PublicDL')),
    ]);
    const result = await expandDistributionList(account, 'all@contoso.com', { recursive: true });
    expect(result.members.map((m) => m.emailAddress)).toEqual(['a@contoso.com', 'b@contoso.com']);
    expect(result.lists.map((m) => m.emailAddress)).toEqual(['team@contoso.com']);
    expect(account.sent).toHaveLength(2);
  });
});
