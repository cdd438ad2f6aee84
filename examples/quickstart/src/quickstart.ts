import { child, children, childText, createBasicAuth, EwsClient, escapeText, type XmlNode } from '@ews/core';

const M = 'xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages"';
const T = 'xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types"';

export interface QuickstartOptions {
  readonly url: string;
  readonly username: string;
  readonly password: string;
  /** Days of calendar to list, from `now`. */
  readonly days?: number;
  readonly now?: Date;
  readonly print?: (line: string) => void;
}

export interface QuickstartResult {
  readonly inbox: { readonly total: number; readonly unread: number };
  readonly events: readonly { readonly subject: string; readonly start: string; readonly end: string }[];
  readonly rooms: readonly string[];
  readonly serverBuild: string | undefined;
}

/**
 * What most apps do first with EWS: look at a folder, read a calendar view (recurring
 * meetings expanded by the server), and list the meeting rooms.
 */
export async function runQuickstart(options: QuickstartOptions): Promise<QuickstartResult> {
  const print = options.print ?? ((line: string) => console.log(line));
  const now = options.now ?? new Date();
  const end = new Date(now.getTime() + (options.days ?? 7) * 86_400_000);

  await using ews = new EwsClient({
    url: options.url,
    auth: createBasicAuth({ username: options.username, password: options.password }),
    allowInsecureHttp: new URL(options.url).hostname === '127.0.0.1', // loopback test server only
    timeoutMs: 30_000,
  });

  const folder = await ews.send({
    operation: 'GetFolder',
    body: `<m:GetFolder ${M} ${T}><m:FolderShape><t:BaseShape>Default</t:BaseShape></m:FolderShape><m:FolderIds><t:DistinguishedFolderId Id="inbox"/></m:FolderIds></m:GetFolder>`,
  });
  const inboxNode = child(firstSuccess(folder.messages).node, 'Folders', 'Folder');
  const inbox = {
    total: Number(childText(inboxNode, 'TotalCount') ?? 0),
    unread: Number(childText(inboxNode, 'UnreadCount') ?? 0),
  };
  print(`Inbox: ${inbox.total} messages, ${inbox.unread} unread (server ${ews.serverVersion?.build ?? '?'})`);

  const view = await ews.send({
    operation: 'FindItem',
    body:
      `<m:FindItem ${M} ${T} Traversal="Shallow"><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape>` +
      '<t:AdditionalProperties><t:FieldURI FieldURI="item:Subject"/><t:FieldURI FieldURI="calendar:Start"/>' +
      '<t:FieldURI FieldURI="calendar:End"/></t:AdditionalProperties></m:ItemShape>' +
      `<m:CalendarView MaxEntriesReturned="100" StartDate="${now.toISOString()}" EndDate="${end.toISOString()}"/>` +
      '<m:ParentFolderIds><t:DistinguishedFolderId Id="calendar"/></m:ParentFolderIds></m:FindItem>',
  });
  const items = children(child(firstSuccess(view.messages).node, 'RootFolder', 'Items'));
  const events = items.map((item) => ({
    subject: childText(item, 'Subject') ?? '(no subject)',
    start: childText(item, 'Start') ?? '',
    end: childText(item, 'End') ?? '',
  }));
  print(`Calendar, next ${options.days ?? 7} days: ${events.length} events`);
  for (const event of events.slice(0, 10)) print(`  ${event.start}  ${event.subject}`);

  const rooms: string[] = [];
  const lists = await ews.send({ operation: 'GetRoomLists', body: `<m:GetRoomLists ${M}/>` });
  const [listsMessage] = lists.messages;
  if (listsMessage?.responseClass === 'Error') {
    // Some servers do not publish room lists to every user: say so, keep going.
    print(`Room lists unavailable: ${listsMessage.responseCode}`);
  }
  for (const list of children(child(lists.node, 'RoomLists'), 'Address')) {
    const address = childText(list, 'EmailAddress');
    if (!address) continue;
    const found = await ews.send({
      operation: 'GetRooms',
      body: `<m:GetRooms ${M} ${T}><m:RoomList><t:EmailAddress>${escapeText(address)}</t:EmailAddress></m:RoomList></m:GetRooms>`,
    });
    for (const room of children(child(found.node, 'Rooms'), 'Room')) {
      const name = childText(child(room, 'Id'), 'Name');
      if (name) rooms.push(name);
    }
  }
  print(`Rooms: ${rooms.join(', ') || 'none'}`);
  return { inbox, events, rooms, serverBuild: ews.serverVersion?.build.toString() };
}

function firstSuccess(messages: readonly { responseClass: string; node: XmlNode }[]): { node: XmlNode } {
  const [first] = messages;
  if (!first || first.responseClass === 'Error') throw new Error('The server answered with an error');
  return first;
}
