import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { schemaDir } from '@ews-tools/ews-schema';
import { describe, expect, it } from 'vitest';
import { isIdempotent, OPERATION_IDEMPOTENCY } from '../../src/operations/idempotency.js';

const wsdl = readFileSync(join(schemaDir, 'services.wsdl'), 'utf8');
// Both the port type and the binding: the binding lists a few conversation operations the port type omits.
const wsdlOperations = [
  ...new Set([...wsdl.matchAll(/<wsdl:operation name="(\w+)"/g)].map((match) => match[1] ?? '')),
];

describe('OPERATION_IDEMPOTENCY', () => {
  it('covers every operation of services.wsdl', () => {
    expect(wsdlOperations.length).toBeGreaterThan(100);
    const missing = wsdlOperations.filter((operation) => !Object.hasOwn(OPERATION_IDEMPOTENCY, operation));
    expect(missing).toEqual([]);
  });

  it('lists only operations that exist (the WSDL or SOAP Autodiscover)', () => {
    const autodiscover = [
      'GetUserSettings',
      'GetDomainSettings',
      'GetFederationInformation',
      'GetOrganizationRelationshipSettings',
    ];
    const unknown = Object.keys(OPERATION_IDEMPOTENCY).filter(
      (operation) => !wsdlOperations.includes(operation) && !autodiscover.includes(operation),
    );
    expect(unknown).toEqual([]);
  });

  it.each([
    'GetItem',
    'FindItem',
    'GetFolder',
    'FindFolder',
    'GetUserAvailability',
    'ResolveNames',
    'ExpandDL',
    'GetRoomLists',
    'GetRooms',
    'SyncFolderItems',
    'SyncFolderHierarchy',
    'GetAttachment',
    'ExportItems',
    'ConvertId',
    'GetServerTimeZones',
    'GetUserSettings',
  ])('%s is a read: safe to re-send', (operation) => {
    expect(isIdempotent(operation)).toBe(true);
  });

  it.each([
    'CreateItem',
    'SendItem',
    'MoveItem',
    'CopyItem',
    'UpdateItem',
    'DeleteItem',
    'CreateAttachment',
    'DeleteAttachment',
    'UploadItems',
    'CreateFolder',
    'UpdateFolder',
    'DeleteFolder',
    'MoveFolder',
    'CopyFolder',
    'EmptyFolder',
    'MarkAllItemsAsRead',
    'ArchiveItem',
    'Subscribe',
    'GetEvents',
    'GetStreamingEvents',
  ])('%s is not idempotent', (operation) => {
    expect(isIdempotent(operation)).toBe(false);
  });

  it('treats unknown operations and prototype names as not idempotent', () => {
    expect(isIdempotent('FrobnicateItem')).toBe(false);
    expect(isIdempotent('toString')).toBe(false);
    expect(isIdempotent('getitem')).toBe(false);
  });
});
