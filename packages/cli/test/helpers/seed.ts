import { Account, Configuration, Credentials, MessageModel } from '@ews/client';
import type { TestServer } from '@ews/test-server';

/** Puts `count` messages with subjects `${prefix} 00001`… into the mailbox's Inbox (CreateItem, 100 a call). */
export async function seedInbox(
  server: TestServer,
  address: string,
  count: number,
  prefix = 'Item',
): Promise<string[]> {
  const mailbox = server.mailboxes.find((entry) => entry.address === address);
  if (!mailbox) throw new Error(`no mailbox ${address}`);
  const config = new Configuration({
    serviceEndpoint: server.url,
    credentials: new Credentials(address, mailbox.password),
    authType: 'basic',
    tls: { ca: server.tls?.ca ?? '' },
  });
  const account = new Account({ primarySmtpAddress: address, config });
  const subjects = Array.from(
    { length: count },
    (_, index) => `${prefix} ${String(index + 1).padStart(5, '0')}`,
  );
  try {
    const results = await account.bulkCreate(
      MessageModel,
      subjects.map((subject) => ({
        subject,
        body: { bodyType: 'Text' as const, value: `body of ${subject}` },
      })),
      { folder: account.inbox, messageDisposition: 'SaveOnly', concurrency: 4 },
    );
    const failed = results.filter((result) => !result.ok);
    if (failed.length > 0) throw new Error(`seeding failed for ${failed.length} items`);
  } finally {
    await config.close();
  }
  return subjects;
}
