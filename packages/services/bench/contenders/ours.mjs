// ours – @ews/services through its public API.
//   J1: account.calendar.all().pageSize(1000), iterated (one page held at a time);
//   J2: the same query with every CalendarItem field asked for: FindItem for the ids, then
//       GetItem in batches of 100 with a few batches in flight, pipelined across pages
//       (fetch-batches.ts);
//   J3: account.calendar.create(items): CreateItem 100 a request (bulk defaults: 100 per request,
//       4 requests in flight), one result per item.
import { createBasicAuth, EwsClient } from '@ews/core';
import { CalendarItemModel, itemShape } from '@ews/models';
import { Account } from '../../dist/index.js';

// Every field Exchange 2016 can be asked for (a few, e.g. extended properties, have no FieldURI).
const ALL_FIELDS = CalendarItemModel.fields
  .map((field) => field.name)
  .filter((name) => {
    try {
      itemShape(CalendarItemModel, { version: 'Exchange2016', fields: [name] });
      return true;
    } catch {
      return false;
    }
  });

export function create(url, { page }) {
  const client = new EwsClient({
    url,
    auth: createBasicAuth({ username: 'bench@example.com', password: 'not-a-secret' }),
    allowInsecureHttp: true,
  });
  const account = new Account({ primarySmtpAddress: 'bench@example.com', client, accessType: 'delegate' });
  return {
    // One small page the way j1 reads them (see rss-child.mjs).
    async warm() {
      for await (const item of account.calendar.all().pageSize(10).limit(10)) void item.subject;
    },
    async j1() {
      let count = 0;
      let last;
      for await (const item of account.calendar.all().pageSize(page)) {
        count++;
        last = item.subject;
      }
      return { count, last };
    },
    async j2(total) {
      let count = 0;
      let last;
      const query = account.calendar
        .all()
        .only(...ALL_FIELDS)
        .pageSize(page)
        .limit(total);
      for await (const item of query) {
        count++;
        last = item.subject;
      }
      return { count, last };
    },
    async j3(items) {
      let count = 0;
      let last;
      for (const result of await account.calendar.create(items)) {
        if (!result.ok) throw result.error;
        count++;
        last = result.value?.id;
      }
      return { count, last };
    },
    close: () => client.close(),
  };
}
