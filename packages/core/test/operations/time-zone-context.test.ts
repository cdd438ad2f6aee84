import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { schemaDir } from '@ews-tools/ews-schema';
import { afterEach, describe, expect, it } from 'vitest';
import { EwsClient } from '../../src/client/ews-client.js';
import { TIME_ZONE_CONTEXT_OPERATIONS } from '../../src/operations/time-zone-context.js';
import { type FakeEwsServer, startFakeEws } from '../helpers/fake-ews-server.js';

const wsdl = readFileSync(join(schemaDir, 'services.wsdl'), 'utf8');

/** The operations whose binding input names a `TimeZoneContext` header part. */
function boundOperations(): string[] {
  const bound = new Set<string>();
  for (const operation of wsdl.matchAll(/<wsdl:operation name="(\w+)">([\s\S]*?)<\/wsdl:operation>/g)) {
    const input = /<wsdl:input>([\s\S]*?)<\/wsdl:input>/.exec(operation[2] ?? '')?.[1] ?? '';
    if (/<soap:header [^>]*part="TimeZoneContext"/.test(input)) bound.add(operation[1] ?? '');
  }
  return [...bound].sort();
}

const servers: FakeEwsServer[] = [];
const clients: EwsClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function sentEnvelope(operation: string, perRequestZone: boolean): Promise<string> {
  const server = await startFakeEws(() => ({ status: 500, body: 'no' }));
  servers.push(server);
  const ews = new EwsClient({ url: server.url, timeZone: 'W. Europe Standard Time' });
  clients.push(ews);
  await ews
    .send({
      operation,
      body: `<m:${operation}/>`,
      ...(perRequestZone ? { timeZone: 'Tokyo Standard Time' } : {}),
    })
    .catch(() => undefined);
  return server.requests[0]?.body ?? '';
}

describe('TimeZoneContext goes only where services.wsdl binds it', () => {
  it('lists exactly the operations whose binding declares the header', () => {
    const bound = boundOperations();
    expect(bound.length).toBeGreaterThan(10);
    expect([...TIME_ZONE_CONTEXT_OPERATIONS].sort()).toEqual(bound);
  });

  it.each(['GetItem', 'FindItem', 'CreateItem', 'UpdateItem', 'GetUserAvailability'])(
    'sends the client default on %s',
    async (operation) => {
      expect(await sentEnvelope(operation, false)).toContain(
        '<t:TimeZoneContext><t:TimeZoneDefinition Id="W. Europe Standard Time"/></t:TimeZoneContext>',
      );
    },
  );

  it.each(['ConvertId', 'GetServerTimeZones', 'SyncFolderItems', 'DeleteItem', 'GetRoomLists'])(
    'leaves it off %s, whose binding has no such header, even when a call names a zone',
    async (operation) => {
      const body = await sentEnvelope(operation, true);
      expect(body).toContain(`<m:${operation}/>`);
      expect(body).not.toContain('TimeZoneContext');
    },
  );
});
