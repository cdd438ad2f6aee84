// ews-js – ews-javascript-api 0.15 through its public API, its XHR replaced by fetch to the
// canned server.
//   J1: FindItems(Calendar, ItemView(1000, offset)) until no more are available;
//   J2: FindItems with PropertySet.IdOnly for the ids, then BindToItems in batches of 100 with
//       PropertySet.FirstClassProperties, one batch after the other;
//   J3: an Appointment per item, service.CreateItems 100 at a time into the Calendar, one batch
//       after the other; the new ids are read from the Appointments.
import {
  Appointment,
  Attendee,
  DateTime,
  ExchangeService,
  ExchangeVersion,
  FolderId,
  Importance,
  ItemId,
  ItemView,
  LegacyFreeBusyStatus,
  PropertySet,
  SendInvitationsMode,
  StringList,
  Uri,
  WebCredentials,
  WellKnownFolderName,
} from 'ews-javascript-api';

async function fetchXhr(options) {
  const response = await fetch(options.url, {
    method: options.type ?? 'POST',
    headers: options.headers,
    body: options.data,
  }).catch((error) => {
    // ews-javascript-api swallows the cause; say it.
    console.error('ews-js fetch failed:', error.cause ?? error);
    throw error;
  });
  const text = await response.text();
  return {
    status: response.status,
    responseText: text,
    response: text,
    getAllResponseHeaders: () => [...response.headers].map(([k, v]) => `${k}: ${v}`).join('\r\n'),
    getResponseHeader: (name) => response.headers.get(name),
  };
}

export function create(url, { page }) {
  const service = new ExchangeService(ExchangeVersion.Exchange2016);
  service.Credentials = new WebCredentials('bench@example.com', 'not-a-secret');
  service.Url = new Uri(url);
  service.XHRApi = { apiName: 'bench-fetch', xhr: fetchXhr, xhrStream: fetchXhr, disconnect() {} };
  return {
    // One small page the way j1 reads them (see rss-child.mjs).
    async warm() {
      const result = await service.FindItems(WellKnownFolderName.Calendar, new ItemView(10, 0));
      for (const item of result.Items) void item.Subject;
    },
    async j1() {
      let count = 0;
      let last;
      for (let offset = 0; ; ) {
        const result = await service.FindItems(WellKnownFolderName.Calendar, new ItemView(page, offset));
        for (const item of result.Items) {
          count++;
          last = item.Subject;
        }
        if (!result.MoreAvailable || result.Items.length === 0) break;
        offset = result.NextPageOffset;
      }
      return { count, last };
    },
    async j2(total) {
      const ids = [];
      for (let offset = 0; ids.length < total; ) {
        const view = new ItemView(Math.min(page, total - ids.length), offset);
        view.PropertySet = PropertySet.IdOnly;
        const result = await service.FindItems(WellKnownFolderName.Calendar, view);
        for (const item of result.Items) ids.push(new ItemId(item.Id.UniqueId));
        if (!result.MoreAvailable || result.Items.length === 0) break;
        offset = result.NextPageOffset;
      }
      let count = 0;
      let last;
      for (let start = 0; start < ids.length; start += 100) {
        const responses = await service.BindToItems(
          ids.slice(start, start + 100),
          PropertySet.FirstClassProperties,
        );
        for (const response of responses.Responses) {
          count++;
          last = response.Item.Subject;
        }
      }
      return { count, last };
    },
    async j3(items) {
      let count = 0;
      let last;
      const calendar = new FolderId(WellKnownFolderName.Calendar);
      for (let start = 0; start < items.length; start += 100) {
        const batch = items.slice(start, start + 100).map((v) => {
          const appointment = new Appointment(service);
          appointment.Subject = v.subject;
          appointment.Categories = new StringList(v.categories);
          appointment.Importance = v.importance === 'High' ? Importance.High : Importance.Normal;
          appointment.Start = new DateTime(v.start.getTime());
          appointment.End = new DateTime(v.end.getTime());
          appointment.IsAllDayEvent = v.isAllDay;
          appointment.LegacyFreeBusyStatus = LegacyFreeBusyStatus.Busy;
          appointment.Location = v.location;
          for (const a of v.requiredAttendees)
            appointment.RequiredAttendees.Add(new Attendee(a.mailbox.name, a.mailbox.emailAddress));
          return appointment;
        });
        await service.CreateItems(batch, calendar, null, SendInvitationsMode.SendToNone);
        for (const appointment of batch) {
          count++;
          last = appointment.Id.UniqueId;
        }
      }
      return { count, last };
    },
    close: async () => {},
  };
}
