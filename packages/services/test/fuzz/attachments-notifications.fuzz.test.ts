// Fuzzing the attachment and notification readers: CreateAttachment (whole and streamed
// requests), GetItem for the list, GetAttachment (read whole, and streamed while it is decoded),
// DeleteAttachment; Subscribe (pull, streaming, push), GetEvents, GetStreamingEvents (several
// documents on one open answer), Unsubscribe, and the SendNotification body Exchange POSTs to a
// push subscription's callback (readSendNotification, fed the body the test server delivered).
//
// How the cases are made and judged, and the environment variables for larger runs and other
// seeds: items.fuzz.test.ts and ../../README.md "Tests".

import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { attachedItem, MessageModel } from '@ews/models';
import { directTarget } from '@ews-tools/fuzz';
import {
  type AttachmentRef,
  type ItemRef,
  readSendNotification,
  sendNotificationResult,
} from '../../src/index.js';
import {
  type AnyScenario,
  codeOf,
  collect,
  type RecordedScenario,
  recordScenarios,
  scenario,
} from './support/corpus.js';
import { generatedMessages, saveMessages, saveToInbox } from './support/mailbox-items.js';
import { registerScenarios } from './support/register.js';

const FILE = new TextEncoder().encode('Fuzz attachment: ünïcødé bytes \u0000\u00ff and more.\n'.repeat(20));

async function* chunksOf(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += 100) yield bytes.slice(at, at + 100);
}

interface WithAttachment {
  readonly item: ItemRef;
  readonly attachment: AttachmentRef;
}

const SCENARIOS: AnyScenario[] = [
  scenario({
    name: 'attachments.addFile (CreateAttachment)',
    returnsIds: true,
    setup: async (live) => (await saveMessages(live.account(), generatedMessages(1, 300)))[0]!,
    run: (account, item: ItemRef) => account.attachments.addFile(item, { name: 'fuzz.txt', content: FILE }),
  }),
  scenario({
    name: 'attachments.addFile streamed (CreateAttachment)',
    returnsIds: true,
    setup: async (live) => (await saveMessages(live.account(), generatedMessages(1, 310)))[0]!,
    run: (account, item: ItemRef) =>
      account.attachments.addFile(item, { name: 'fuzz-streamed.txt', content: () => chunksOf(FILE) }),
  }),
  scenario({
    name: 'attachments.addItem (CreateAttachment of an item)',
    returnsIds: true,
    setup: async (live) => (await saveMessages(live.account(), generatedMessages(1, 320)))[0]!,
    run: (account, item: ItemRef) =>
      account.attachments.addItem(item, {
        name: 'fuzz item',
        item: attachedItem(MessageModel, generatedMessages(1, 330)[0]!, { version: account.version }),
      }),
  }),
  ...(['list', 'get', 'download', 'delete'] as const).map((verb) =>
    scenario({
      name: `attachments.${verb} (${{ list: 'GetItem', get: 'GetAttachment', download: 'GetAttachment streamed', delete: 'DeleteAttachment' }[verb]})`,
      setup: async (live): Promise<WithAttachment> => {
        const account = live.account();
        const [item] = await saveMessages(account, generatedMessages(1, 340));
        const attachment = await account.attachments.addFile(item!, {
          name: `fuzz-${verb}.txt`,
          content: FILE,
        });
        return { item: item!, attachment };
      },
      run: async (account, { item, attachment }: WithAttachment) => {
        if (verb === 'list') return account.attachments.list(item);
        if (verb === 'get') return account.attachments.get(attachment.id);
        if (verb === 'download')
          return Buffer.concat(await collect(account.attachments.download(attachment.id)));
        return account.attachments.delete([attachment.id]);
      },
    }),
  ),
  scenario({
    name: 'inbox.subscribeToPull (Subscribe)',
    run: async (account) => {
      const subscription = await account.inbox.subscribeToPull({ timeoutMinutes: 10 });
      return { id: subscription.id, watermark: subscription.watermark };
    },
  }),
  scenario({
    name: 'pull getEvents (GetEvents)',
    setup: async (live) => {
      const account = live.account();
      const subscription = await account.inbox.subscribeToPull({ timeoutMinutes: 10 });
      const { id, watermark } = subscription;
      await saveToInbox(account, generatedMessages(3, 350));
      return { id, watermark };
    },
    run: (account, { id, watermark }: { id: string; watermark: string }) =>
      account.notifications.getEvents(id, watermark),
  }),
  scenario({
    name: 'unsubscribe (Unsubscribe)',
    setup: async (live) => (await live.account().inbox.subscribeToPull()).id,
    run: (account, id: string) => account.notifications.unsubscribe(id),
  }),
  scenario({
    name: 'streamingEvents (GetStreamingEvents, several documents)',
    serverCountedLists: true,
    setup: async (live) => {
      const account = live.account();
      const subscription = await account.notifications.subscribeToStreaming({ folders: [account.inbox] });
      await saveToInbox(account, generatedMessages(2, 360));
      return subscription.id;
    },
    run: (account, id: string) =>
      collect(account.notifications.streamingEvents([id], { connectionTimeoutMinutes: 1 })),
  }),
  scenario({
    name: 'inbox.subscribeToPush (Subscribe)',
    run: async (account) => {
      const subscription = await account.inbox.subscribeToPush('http://127.0.0.1:9/fuzz-never-called', {
        statusFrequencyMinutes: 1440,
      });
      return { id: subscription.id, watermark: subscription.watermark };
    },
  }),
];

/** The SendNotification bodies the test server POSTs to a push callback after new mail. */
async function pushDeliveries(): Promise<string[]> {
  const bodies: string[] = [];
  const callback = createServer((request, response) => {
    const parts: Buffer[] = [];
    request.on('data', (part: Buffer) => parts.push(part));
    request.on('end', () => {
      bodies.push(Buffer.concat(parts).toString('utf8'));
      response.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' });
      response.end(sendNotificationResult(bodies.length >= 2 ? 'Unsubscribe' : 'OK'));
    });
  });
  callback.listen(0, '127.0.0.1');
  await once(callback, 'listening');
  const url = `http://127.0.0.1:${(callback.address() as AddressInfo).port}/ews/notify`;
  try {
    await recordScenarios([
      scenario({
        name: 'push deliveries',
        run: async (account) => {
          await account.inbox.subscribeToPush(url, { statusFrequencyMinutes: 1 });
          await saveToInbox(account, generatedMessages(2, 370));
          const deadline = Date.now() + 10_000;
          while (bodies.length < 2 && Date.now() < deadline)
            await new Promise((resolve) => setTimeout(resolve, 20));
          if (bodies.length < 2) throw new Error('setup: the push callback got fewer than 2 deliveries');
          return bodies.length;
        },
      }),
    ]);
  } finally {
    callback.close();
  }
  return bodies.slice(0, 2);
}

const recorded: RecordedScenario[] = await recordScenarios(SCENARIOS);
const pushed = await pushDeliveries();
recorded.push({
  scenario: scenario({ name: 'readSendNotification (push callback body)', run: async () => undefined }),
  exchanges: [],
  target: await directTarget({
    name: 'readSendNotification',
    texts: pushed,
    read: (text) => readSendNotification(text as string),
    codeOf,
    serverCountedLists: true,
  }),
});
registerScenarios('attachments and notifications', recorded);
