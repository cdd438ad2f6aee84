"""Drives @ews/test-server with the real exchangelib 4.9.0 (Debian python3-exchangelib).

Usage: /usr/bin/python3 exchangelib_peer.py '<json config>'
Config: {"url", "user", "password", "room", "roomList", "colleague", "colleaguePassword", "service",
"servicePassword", "now"}.
Every check is an assert; the last stdout line is a JSON summary the vitest test checks too.
"""
import datetime
import json
import sys

from exchangelib import (
    BASIC, DELEGATE, IMPERSONATION, Account, Attendee, CalendarItem, Configuration, Credentials, EWSDateTime,
    EWSTimeZone, Mailbox, Message, Version, Build,
)
from exchangelib.attachments import FileAttachment
from exchangelib.errors import ErrorAccessDenied, ErrorFolderExists, ErrorImpersonateUserDenied
from exchangelib.folders import Calendar, Inbox, Messages

cfg = json.loads(sys.argv[1])
tz = EWSTimeZone('UTC')
version = Version(build=Build(15, 1, 2507, 6))
config = Configuration(
    service_endpoint=cfg['url'],
    credentials=Credentials(cfg['user'], cfg['password']),
    auth_type=BASIC,
    version=version,
    max_connections=2,
)
account = Account(
    primary_smtp_address=cfg['user'], config=config, access_type=DELEGATE, autodiscover=False, default_timezone=tz,
)
summary = {}

# 1. Folder tree: distinguished folders resolve, the walk finds the well-known ones.
names = sorted(f.name for f in account.root.walk())
for wanted in ('Inbox', 'Calendar', 'Contacts', 'Tasks', 'Sent Items', 'Deleted Items', 'Drafts'):
    assert wanted in names, (wanted, names)
assert isinstance(account.calendar, Calendar)
assert isinstance(account.inbox, Inbox)
summary['folders'] = len(names)

# 2. Calendar view around "now": recurring standup expanded into occurrences, with one exception.
now = datetime.datetime.fromisoformat(cfg['now'].replace('Z', '+00:00'))
start = EWSDateTime.from_datetime(now - datetime.timedelta(days=14)).astimezone(tz)
end = EWSDateTime.from_datetime(now + datetime.timedelta(days=14)).astimezone(tz)
view = list(account.calendar.view(start=start, end=end))
standups = [i for i in view if i.subject and i.subject.startswith('Team standup')]
assert len(standups) >= 5, len(standups)
types = {i.type for i in standups}
assert 'Occurrence' in types, types
assert 'Exception' in types, types
for item in view:
    assert item.start < end and item.end > start, (item.subject, item.start, item.end)
all_day = [i for i in view if i.is_all_day]
assert len(all_day) >= 1
summary['view'] = len(view)
summary['standups'] = len(standups)

# 3. Inbox query: filter + order_by + slice (FindItem with Restriction, SortOrder, paging).
cutoff = EWSDateTime.from_datetime(now - datetime.timedelta(days=7)).astimezone(tz)
recent = list(account.inbox.filter(datetime_received__gt=cutoff).order_by('-datetime_received')[0:10])
assert 1 <= len(recent) <= 10, len(recent)
received = [m.datetime_received for m in recent]
assert received == sorted(received, reverse=True)
assert all(r > cutoff for r in received)
total = account.inbox.all().count()
assert total == 12, total
subjects = list(account.inbox.filter(subject__icontains='quarterly').values_list('subject', flat=True))
assert all('quarterly' in s.lower() for s in subjects)
summary['recent'] = len(recent)

# 4. A meeting with a room as resource attendee; GetItem shows the room accepted.
meeting_start = EWSDateTime.from_datetime(now.replace(hour=0, minute=0, second=0, microsecond=0)
                                          + datetime.timedelta(days=40, hours=7)).astimezone(tz)
item = CalendarItem(
    account=account,
    folder=account.calendar,
    subject='exchangelib booking',
    start=meeting_start,
    end=meeting_start + datetime.timedelta(hours=1),
    required_attendees=[Attendee(mailbox=Mailbox(email_address=cfg['colleague']), response_type='Accept')],
    resources=[Attendee(mailbox=Mailbox(email_address=cfg['room']), response_type='Accept')],
)
item.save(send_meeting_invitations='SendToAllAndSaveCopy')
assert item.id and item.changekey
fetched = account.calendar.get(id=item.id)
assert fetched.subject == 'exchangelib booking'
assert [r.mailbox.email_address for r in fetched.resources] == [cfg['room']]
assert fetched.resources[0].response_type == 'Accept', fetched.resources[0].response_type
summary['booked'] = fetched.subject
old_changekey = fetched.changekey
fetched.location = 'Paris, 3rd floor'
fetched.save(update_fields=['location'])
assert fetched.changekey != old_changekey
assert account.calendar.get(id=item.id).location == 'Paris, 3rd floor'

# 5. Rooms.
lists = list(account.protocol.get_roomlists())
assert [r.email_address for r in lists] == [cfg['roomList']], lists
rooms = list(account.protocol.get_rooms(cfg['roomList']))
assert cfg['room'] in [r.email_address for r in rooms], rooms
summary['rooms'] = len(rooms)

# 6. Free/busy for the room: the new booking shows as Busy.
fb = list(account.protocol.get_free_busy_info(
    accounts=[(Account(primary_smtp_address=cfg['room'], config=config, access_type=DELEGATE, autodiscover=False,
                       default_timezone=tz), 'Room', False)],
    start=meeting_start - datetime.timedelta(hours=2),
    end=meeting_start + datetime.timedelta(hours=4),
    merged_free_busy_interval=30,
    requested_view='FreeBusyMerged',
))
assert len(fb) == 1
events = fb[0].calendar_events or []
# Availability times are local wall-clock times without offset (exchangelib returns them naive).
naive_start = meeting_start.replace(tzinfo=None)
assert any(e.busy_type == 'Busy' and e.start.replace(tzinfo=None) == naive_start for e in events), events
assert fb[0].merged == '0000220000000000'[:len(fb[0].merged)], fb[0].merged
summary['freebusy'] = fb[0].merged

# 7. Delete the booking again.
fetched.delete()
assert account.calendar.filter(subject='exchangelib booking').count() == 0
# 8. Impersonation: the service account may act as a room, an ordinary user may not act as a colleague.
service_config = Configuration(
    service_endpoint=cfg['url'], credentials=Credentials(cfg['service'], cfg['servicePassword']), auth_type=BASIC,
    version=version, max_connections=1,
)
as_room = Account(primary_smtp_address=cfg['room'], config=service_config, access_type=IMPERSONATION,
                  autodiscover=False, default_timezone=tz)
room_view = list(as_room.calendar.view(start=start, end=end))
assert all(i.organizer is not None for i in room_view)
summary['roomView'] = len(room_view)
as_colleague = Account(primary_smtp_address=cfg['colleague'], config=config, access_type=IMPERSONATION,
                       autodiscover=False, default_timezone=tz)
try:
    as_colleague.inbox.all().count()
    raise AssertionError('impersonation by an ordinary user was allowed')
except ErrorImpersonateUserDenied:
    summary['impersonationDenied'] = True

# 9. Folders: create, rename, a duplicate name refused, delete.
project = Messages(parent=account.inbox, name='exchangelib project')
project.save()
assert project.id
assert [f.name for f in account.inbox.children] == ['exchangelib project']
try:
    Messages(parent=account.inbox, name='exchangelib project').save()
    raise AssertionError('duplicate folder name was accepted')
except ErrorFolderExists:
    pass
project.name = 'exchangelib project (renamed)'
project.save(update_fields=['name'])
account.inbox.refresh()
assert [f.name for f in account.inbox.children] == ['exchangelib project (renamed)']

# 10. bulk_create, total_count, only(), move and copy.
drafts_before = account.drafts.all().count()
created = account.bulk_create(folder=account.drafts, items=[
    Message(account=account, subject=f'bulk {n}', body=f'body {n}') for n in range(3)
])
assert len(created) == 3 and all(i.id for i in created), created
account.drafts.refresh()
assert account.drafts.total_count == drafts_before + 3, (account.drafts.total_count, drafts_before)
only = list(account.drafts.filter(subject__startswith='bulk').only('subject').order_by('subject'))
assert [m.subject for m in only] == ['bulk 0', 'bulk 1', 'bulk 2'], only
assert all(m.body is None and m.datetime_received is None for m in only)
first_draft = account.drafts.get(subject='bulk 0')
first_draft.move(to_folder=project)
assert [m.subject for m in project.all()] == ['bulk 0']
assert account.drafts.filter(subject='bulk 0').count() == 0
second = account.drafts.get(subject='bulk 1')
second.copy(to_folder=project)
assert sorted(m.subject for m in project.all()) == ['bulk 0', 'bulk 1']
assert account.drafts.filter(subject='bulk 1').count() == 1
project.refresh()
assert project.total_count == 2, project.total_count
summary['bulk'] = len(created)

# 11. Attachments on a draft, then sending it: the colleague receives it with the attachment.
colleague_config = Configuration(
    service_endpoint=cfg['url'], credentials=Credentials(cfg['colleague'], cfg['colleaguePassword']),
    auth_type=BASIC, version=version, max_connections=1,
)
colleague = Account(primary_smtp_address=cfg['colleague'], config=colleague_config, access_type=DELEGATE,
                    autodiscover=False, default_timezone=tz)
colleague_inbox_before = colleague.inbox.all().count()
draft = Message(account=account, folder=account.drafts, subject='exchangelib report', body='See attached.',
                to_recipients=[Mailbox(email_address=cfg['colleague'])])
draft.save()
draft.attach(FileAttachment(name='numbers.csv', content=b'q1,42\nq2,43\n', content_type='text/csv'))
fetched_draft = account.drafts.get(id=draft.id)
assert [a.name for a in fetched_draft.attachments] == ['numbers.csv']
assert fetched_draft.has_attachments is True
assert fetched_draft.attachments[0].content == b'q1,42\nq2,43\n'
draft.send()
assert account.drafts.filter(subject='exchangelib report').count() == 0
assert account.sent.filter(subject='exchangelib report').count() == 1
received = list(colleague.inbox.filter(subject='exchangelib report'))
assert len(received) == 1
received_item = colleague.inbox.get(id=received[0].id)
assert [a.name for a in received_item.attachments] == ['numbers.csv']
assert received_item.attachments[0].content == b'q1,42\nq2,43\n'
assert received_item.is_read is False
Message(account=account, subject='exchangelib direct', body='hi',
        to_recipients=[Mailbox(email_address=cfg['colleague'])]).send()
assert colleague.inbox.all().count() == colleague_inbox_before + 2
summary['sent'] = 2

# 12. Access denied: Alice has no rights on the colleague's mailbox.
as_other = Account(primary_smtp_address=cfg['colleague'], config=config, access_type=DELEGATE,
                   autodiscover=False, default_timezone=tz)
try:
    as_other.inbox.all().count()
    raise AssertionError('reading another mailbox without rights was allowed')
except ErrorAccessDenied:
    summary['accessDenied'] = True

# 13. OOF settings round trip, delegates, room list expansion, export/upload, id conversion.
from exchangelib.settings import OofSettings
account.oof_settings = OofSettings(
    state=OofSettings.SCHEDULED, external_audience='Known',
    start=EWSDateTime.from_datetime(now + datetime.timedelta(days=3)).astimezone(tz),
    end=EWSDateTime.from_datetime(now + datetime.timedelta(days=5)).astimezone(tz),
    internal_reply='Back soon', external_reply='Back soon (external)',
)
oof = account.oof_settings
assert oof.state == OofSettings.SCHEDULED and oof.internal_reply == 'Back soon', oof
assert [d.user_id.primary_smtp_address for d in account.delegates] == ['grace@contoso.test'], account.delegates
members = [m.email_address for m in account.protocol.expand_dl(cfg['roomList'])]
assert cfg['room'] in members and len(members) == 3, members
exported = account.export([account.drafts.get(subject='bulk 2')])
assert len(exported) == 1 and exported[0]
uploaded = account.upload([(project, exported[0])])
assert len(uploaded) == 1
assert sorted(m.subject for m in project.all()) == ['bulk 0', 'bulk 1', 'bulk 2']
summary['exported'] = len(exported)

# 14. Pull subscription and SyncFolderItems on the colleague's inbox.
sub_id, watermark = colleague.inbox.subscribe_to_pull()
Message(account=account, subject='exchangelib event', body='x',
        to_recipients=[Mailbox(email_address=cfg['colleague'])]).send()
notifications = list(colleague.inbox.get_events(sub_id, watermark))
kinds = sorted({type(e).__name__ for n in notifications for e in n.events})
assert 'NewMailEvent' in kinds, kinds
colleague.inbox.unsubscribe(sub_id)
synced = [change for change in colleague.inbox.sync_items()]
creates = [c for c in synced if c[0] == 'create']
assert len(creates) == colleague.inbox.all().count(), (len(creates), synced[:3])
assert list(colleague.inbox.sync_items()) == []
summary['events'] = kinds

# 15. Clean up the folder tree: delete the project folder with its items.
project.delete()
account.inbox.refresh()
assert [f.name for f in account.inbox.children] == []
# 16. Item attachments: a message attached inside a draft, read back through GetAttachment (with MIME).
from exchangelib import HTMLBody
from exchangelib.attachments import ItemAttachment
holder = Message(account=account, folder=account.drafts, subject='exchangelib item attachment', body='see attached',
                 to_recipients=[Mailbox(email_address=cfg['colleague'])])
holder.save()
inner = Message(subject='Inner minutes', body=HTMLBody('<p>Approved</p>'),
                to_recipients=[Mailbox(email_address=cfg['colleague'])])
holder.attach(ItemAttachment(name='Minutes', item=inner))
fetched_holder = account.drafts.get(id=holder.id)
assert fetched_holder.has_attachments is True
assert [type(a).__name__ for a in fetched_holder.attachments] == ['ItemAttachment'], fetched_holder.attachments
attached = fetched_holder.attachments[0]
assert attached.name == 'Minutes'
assert attached.item.subject == 'Inner minutes', attached.item.subject
assert 'Approved' in attached.item.body, attached.item.body
assert [r.email_address for r in attached.item.to_recipients] == [cfg['colleague']]
holder.delete()
summary['itemAttachment'] = attached.item.subject

# 17. A monthly series in Oslo time (exchangelib sends StartTimeZone): 09:00 local before and after DST.
from exchangelib.recurrence import Recurrence, RelativeMonthlyPattern
oslo = EWSTimeZone('Europe/Oslo')
series_start = EWSDateTime(2027, 2, 1, 9, 0, tzinfo=oslo)
series = CalendarItem(
    account=account, folder=account.calendar, subject='exchangelib monthly', start=series_start,
    end=series_start + datetime.timedelta(hours=1),
    recurrence=Recurrence(pattern=RelativeMonthlyPattern(interval=1, weekday='Monday', week_number='First'),
                          start=series_start.date(), number=4),
)
series.save()
monthly = [i for i in account.calendar.view(start=EWSDateTime(2027, 1, 25, tzinfo=tz), end=EWSDateTime(2027, 6, 1, tzinfo=tz))
           if i.subject == 'exchangelib monthly']
utc_starts = [i.start.astimezone(tz).strftime('%Y-%m-%dT%H:%M') for i in monthly]
assert utc_starts == ['2027-02-01T08:00', '2027-03-01T08:00', '2027-04-05T07:00', '2027-05-03T07:00'], utc_starts
assert {i.start.astimezone(oslo).strftime('%H:%M') for i in monthly} == {'09:00'}
master = account.calendar.get(id=series.id)
assert isinstance(master.recurrence.pattern, RelativeMonthlyPattern), master.recurrence
assert master.recurrence.boundary.number == 4
series.delete()
summary['monthly'] = utc_starts

print(json.dumps(summary))
