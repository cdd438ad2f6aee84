import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAll, first, type Harness, startHarness, texts } from './support/harness.js';

const name = (config: string, folder: string, element = 'm:UserConfigurationName') =>
  `<${element} Name="${config}"><t:DistinguishedFolderId Id="${folder}"/></${element}>`;
const get = (config: string, folder: string, properties = 'All') =>
  `<m:GetUserConfiguration>${name(config, folder)}<m:UserConfigurationProperties>${properties}</m:UserConfigurationProperties></m:GetUserConfiguration>`;
const entry = (type: string, key: string, value: string) =>
  `<t:DictionaryEntry><t:DictionaryKey><t:Type>String</t:Type><t:Value>${key}</t:Value></t:DictionaryKey>` +
  `<t:DictionaryValue><t:Type>${type}</t:Type>${value}</t:DictionaryValue></t:DictionaryEntry>`;
const write = (operation: 'Create' | 'Update', config: string, folder: string, parts: string) =>
  `<m:${operation}UserConfiguration><m:UserConfiguration>${name(config, folder, 't:UserConfigurationName')}${parts}</m:UserConfiguration></m:${operation}UserConfiguration>`;

describe('user configurations are kept per mailbox and folder', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.finish();
  });

  it('create, get (all or some parts), update (parts sent replace), delete, with the documented codes', async () => {
    expect(texts((await h.call('alice', get('Test.Settings', 'root'))).doc, 'ResponseCode')).toEqual([
      'ErrorItemNotFound',
    ]);
    const dictionary =
      '<t:Dictionary>' +
      entry('Integer32', 'count', '<t:Value>42</t:Value>') +
      entry('StringArray', 'names', '<t:Value>a b</t:Value><t:Value>c</t:Value>') +
      '<t:DictionaryEntry><t:DictionaryKey><t:Type>String</t:Type><t:Value>empty</t:Value></t:DictionaryKey>' +
      '<t:DictionaryValue xsi:nil="true" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/></t:DictionaryEntry>' +
      '</t:Dictionary>';
    const created = await h.call(
      'alice',
      write('Create', 'Test.Settings', 'root', `${dictionary}<t:XmlData>PGEvPg==</t:XmlData>`),
    );
    expect(texts(created.doc, 'ResponseCode')).toEqual(['NoError']);
    const again = await h.call('alice', write('Create', 'test.settings', 'root', ''));
    expect(texts(again.doc, 'ResponseCode')).toEqual(['ErrorItemSave']);

    const all = await h.call('alice', get('Test.Settings', 'root'));
    expect(first(all.doc, 'UserConfigurationName').attrs.Name).toBe('Test.Settings');
    expect(findAll(all.doc, 'ItemId')).toHaveLength(1);
    expect(texts(all.doc, 'Value')).toEqual(['count', '42', 'names', 'a b', 'c', 'empty']);
    expect(first(all.doc, 'XmlData').text).toBe('PGEvPg==');
    expect(findAll(all.doc, 'BinaryData')).toEqual([]);

    const some = await h.call('alice', get('Test.Settings', 'root', 'XmlData BinaryData'));
    expect(findAll(some.doc, 'Dictionary')).toEqual([]);
    expect(findAll(some.doc, 'ItemId')).toEqual([]);
    expect(first(some.doc, 'XmlData').text).toBe('PGEvPg==');

    // The same name in another folder, or in another mailbox, is another configuration.
    expect(texts((await h.call('alice', get('Test.Settings', 'calendar'))).doc, 'ResponseCode')).toEqual([
      'ErrorItemNotFound',
    ]);
    expect(texts((await h.call('bob', get('Test.Settings', 'root'))).doc, 'ResponseCode')).toEqual([
      'ErrorItemNotFound',
    ]);

    const updated = await h.call(
      'alice',
      write('Update', 'Test.Settings', 'root', '<t:BinaryData>AAEC</t:BinaryData>'),
    );
    expect(texts(updated.doc, 'ResponseCode')).toEqual(['NoError']);
    const after = await h.call('alice', get('Test.Settings', 'root'));
    expect(texts(after.doc, 'Value')).toEqual(['count', '42', 'names', 'a b', 'c', 'empty']);
    expect(first(after.doc, 'XmlData').text).toBe('PGEvPg==');
    expect(first(after.doc, 'BinaryData').text).toBe('AAEC');
    expect(first(after.doc, 'ItemId').attrs.ChangeKey).not.toBe(first(all.doc, 'ItemId').attrs.ChangeKey);

    expect(texts((await h.call('alice', write('Update', 'Nope', 'root', ''))).doc, 'ResponseCode')).toEqual([
      'ErrorItemNotFound',
    ]);
    const deleteOf = (config: string) =>
      `<m:DeleteUserConfiguration>${name(config, 'root')}</m:DeleteUserConfiguration>`;
    expect(texts((await h.call('alice', deleteOf('Test.Settings'))).doc, 'ResponseCode')).toEqual([
      'NoError',
    ]);
    expect(texts((await h.call('alice', deleteOf('Test.Settings'))).doc, 'ResponseCode')).toEqual([
      'ErrorItemNotFound',
    ]);
    expect(texts((await h.call('alice', get('Test.Settings', 'root'))).doc, 'ResponseCode')).toEqual([
      'ErrorItemNotFound',
    ]);
  });

  it('a key given twice is refused; values are kept by type; another mailbox needs access', async () => {
    const twice =
      '<t:Dictionary>' +
      entry('Boolean', 'k', '<t:Value>true</t:Value>') +
      entry('Boolean', 'k', '<t:Value>false</t:Value>') +
      '</t:Dictionary>';
    expect(
      texts((await h.call('alice', write('Create', 'Twice', 'root', twice))).doc, 'ResponseCode'),
    ).toEqual(['ErrorInvalidRequest']);
    // Typed values are kept by type and answered in canonical form; a value its type cannot hold is refused.
    const typed =
      '<t:Dictionary>' +
      entry('Boolean', 'flag', '<t:Value>1</t:Value>') +
      entry('Integer64', 'n', '<t:Value>+007</t:Value>') +
      '</t:Dictionary>';
    expect(
      texts((await h.call('alice', write('Create', 'Typed', 'root', typed))).doc, 'ResponseCode'),
    ).toEqual(['NoError']);
    expect(texts((await h.call('alice', get('Typed', 'root'))).doc, 'Value')).toEqual([
      'flag',
      'true',
      'n',
      '7',
    ]);
    const wrong = `<t:Dictionary>${entry('Integer32', 'n', '<t:Value>seven</t:Value>')}</t:Dictionary>`;
    expect(
      texts((await h.call('alice', write('Create', 'Wrong', 'root', wrong))).doc, 'ResponseCode'),
    ).toEqual(['ErrorInvalidRequest']);
    const others =
      '<m:GetUserConfiguration><m:UserConfigurationName Name="X"><t:DistinguishedFolderId Id="root">' +
      '<t:Mailbox><t:EmailAddress>dave@contoso.test</t:EmailAddress></t:Mailbox></t:DistinguishedFolderId>' +
      '</m:UserConfigurationName><m:UserConfigurationProperties>All</m:UserConfigurationProperties></m:GetUserConfiguration>';
    expect(texts((await h.call('erin', others)).doc, 'ResponseCode')).toEqual(['ErrorAccessDenied']);
  });
});
