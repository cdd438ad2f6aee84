import { afterEach } from 'vitest';
import { type FakeEwsServer, startFakeEws } from './fake-ews-server.js';

/** GetFolder of the inbox, IdOnly: the smallest real call a client test sends. */
export const GET_INBOX =
  '<m:GetFolder xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" ' +
  'xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">' +
  '<m:FolderShape><t:BaseShape>IdOnly</t:BaseShape></m:FolderShape>' +
  '<m:FolderIds><t:DistinguishedFolderId Id="inbox"/></m:FolderIds></m:GetFolder>';

/**
 * `startFakeEws` whose servers all close after each test. Call it once at a test file's top level
 * (it registers the `afterEach`), then start servers with what it returns.
 */
export function fakeEwsPerTest(): typeof startFakeEws {
  const servers: FakeEwsServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });
  return async (handler) => {
    const server = await startFakeEws(handler);
    servers.push(server);
    return server;
  };
}
