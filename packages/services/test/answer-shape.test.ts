import { EwsError, parseXml } from '@ews/core';
import { describe, expect, it } from 'vitest';
import { attachmentContent } from '../src/attachments/attachment-download.js';
import { readFindFolder, readFindItem, readSendNotification } from '../src/index.js';
import { readItemNode } from '../src/internal/item-classes.js';
import { decodeResponseText } from '../src/internal/streamed-response.js';
import { readFindItemList } from '../src/operations/find-item.js';
import { bareEnvelope as envelope, M, T } from './helpers/exchange-envelopes.js';

// Issue 12 (fuzz): answers that lost a part the schema requires read as "nothing" instead of being
// refused — a Success FindItem message without its RootFolder gave an empty page (a query's get()
// then said the item does not exist), a push notification with a renamed or foreign message gave
// no notifications, a GetAttachment download read bytes that are not UTF-8 around the content with
// U+FFFD, a foreign element in an item list became an extra item.

const message = (operation: string, inner: string) =>
  envelope(
    `<m:${operation}Response ${M} ${T}><m:ResponseMessages><m:${operation}ResponseMessage ResponseClass="Success">` +
      `<m:ResponseCode>NoError</m:ResponseCode>${inner}</m:${operation}ResponseMessage></m:ResponseMessages></m:${operation}Response>`,
  );

async function refusal(run: () => unknown): Promise<string> {
  try {
    await run();
  } catch (error) {
    expect(EwsError.isInstance(error) && error.code, String(error)).toBe('EWS_PROTOCOL');
    return (error as Error).message;
  }
  throw new Error('expected EWS_PROTOCOL, the answer was accepted');
}

describe('a Find page is its RootFolder and its list, never read as empty without them', () => {
  const findItem = (inner: string) => decodeResponseText(message('FindItem', inner), 'FindItem');
  const findFolder = (inner: string) => decodeResponseText(message('FindFolder', inner), 'FindFolder');

  it('reads a page, an empty one included', () => {
    const root = '<m:RootFolder TotalItemsInView="1" IncludesLastItemInRange="true">';
    expect(
      readFindItem(findItem(`${root}<t:Items><t:Message/></t:Items></m:RootFolder>`)).items,
    ).toHaveLength(1);
    expect(readFindItem(findItem(`${root}<t:Items/></m:RootFolder>`)).items).toHaveLength(0);
    const empty = '<m:RootFolder TotalItemsInView="0" IncludesLastItemInRange="true"/>';
    // types.xsd lets FindFolder's RootFolder leave out Folders: only when there are none.
    expect(readFindFolder(findFolder(empty)).folders).toEqual([]);
    expect(
      readFindFolder(
        findFolder(`${root}<t:Folders><t:Folder><t:FolderId Id="f1"/></t:Folder></t:Folders></m:RootFolder>`),
      ).folders,
    ).toHaveLength(1);
  });

  it('refuses a Success message without its RootFolder, or a RootFolder without its list', async () => {
    expect(await refusal(() => readFindItem(findItem('')))).toMatch(
      'FindItem: <FindItemResponseMessage> has no <RootFolder>',
    );
    expect(await refusal(() => readFindItemList(findItem('')))).toMatch('has no <RootFolder>');
    expect(
      await refusal(() =>
        readFindItem(findItem('<m:RootFolder TotalItemsInView="3" IncludesLastItemInRange="true"/>')),
      ),
    ).toMatch('FindItem: <RootFolder> has no <Items>');
    expect(await refusal(() => readFindFolder(findFolder('')))).toMatch('has no <RootFolder>');
    expect(
      await refusal(() =>
        readFindFolder(findFolder('<m:RootFolder TotalItemsInView="2" IncludesLastItemInRange="true"/>')),
      ),
    ).toMatch('FindFolder: <RootFolder> has no <Folders>');
  });
});

describe('readSendNotification reads the push body as an answer is read', () => {
  const push = (messageName: string, list = 'm:ResponseMessages') =>
    envelope(
      `<m:SendNotification ${M} ${T}><${list}><m:${messageName} ResponseClass="Success">` +
        '<m:ResponseCode>NoError</m:ResponseCode><m:Notification><t:SubscriptionId>sub-1</t:SubscriptionId>' +
        `<t:StatusEvent><t:Watermark>AQ==</t:Watermark></t:StatusEvent></m:Notification></m:${messageName}></${list.split(' ')[0]}></m:SendNotification>`,
    );

  it('reads its notifications', () => {
    expect(readSendNotification(push('SendNotificationResponseMessage'))).toHaveLength(1);
  });

  it('refuses a renamed message, a foreign list, a fault', async () => {
    expect(await refusal(() => readSendNotification(push('DeleteItemResponseMessage')))).toMatch(
      'Expected ResponseMessages to hold <SendNotificationResponseMessage>',
    );
    expect(
      await refusal(() =>
        readSendNotification(push('SendNotificationResponseMessage', 'x:ResponseMessages xmlns:x="urn:x"')),
      ),
    ).toMatch(/<x:ResponseMessages> in namespace urn:x/);
    const fault = envelope('<s:Fault><faultcode>s:Client</faultcode><faultstring>no</faultstring></s:Fault>');
    expect(await refusal(() => readSendNotification(fault))).toMatch(
      'Expected a SendNotification request, got a SOAP Fault',
    );
  });
});

describe('attachmentContent', () => {
  const download = (head: Buffer) =>
    (async () => {
      const answer = Buffer.concat([
        head,
        Buffer.from(
          '<t:Content>QUJD</t:Content></t:FileAttachment></m:Attachments></m:GetAttachmentResponseMessage></m:ResponseMessages></m:GetAttachmentResponse></s:Body></s:Envelope>',
        ),
      ]);
      const bytes: Uint8Array[] = [];
      for await (const chunk of attachmentContent(
        (async function* () {
          yield answer;
        })(),
      ))
        bytes.push(chunk);
      return Buffer.concat(bytes).toString();
    })();
  const head = (name: Buffer) =>
    Buffer.concat([
      Buffer.from(
        `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><m:GetAttachmentResponse ${M} ${T}>` +
          '<m:ResponseMessages><m:GetAttachmentResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode>' +
          '<m:Attachments><t:FileAttachment><t:AttachmentId Id="AAMkAtt="/><t:Name>',
      ),
      name,
      Buffer.from('</t:Name>'),
    ]);

  it('downloads the content', async () => {
    expect(await download(head(Buffer.from('a.txt')))).toBe('ABC');
  });

  it('refuses bytes that are not UTF-8 in the answer around the content (never U+FFFD)', async () => {
    expect(await refusal(() => download(head(Buffer.from([0x61, 0xc0, 0x80, 0x62]))))).toMatch(
      /not valid UTF-8/,
    );
  });
});

describe('readItemNode', () => {
  it('refuses an element of another namespace instead of reading it as an item', async () => {
    const foreign = parseXml('<x:Message xmlns:x="urn:x"><x:Subject>forged</x:Subject></x:Message>');
    expect(await refusal(() => readItemNode(foreign))).toMatch(
      'Expected an item, got <Message> in namespace urn:x',
    );
  });
});
