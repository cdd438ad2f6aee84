"""exchangelib 4.9.0 edits a meeting's attendee lists and a draft's author with a full item.save().

Usage: /usr/bin/python3 attendees_peer.py '<json config>'   Config: {"url", "user", "password"}.
exchangelib sends every field it knows on a save() without update_fields (UpdateItem with SetItemField
or DeleteItemField for each), attendee lists and a draft's From (`author`) included. Each step is read
back with refresh() and compared. The last stdout line is a JSON summary.
"""
import datetime
import json
import sys

from exchangelib import Attendee, CalendarItem, EWSDateTime, EWSTimeZone, Mailbox, Message
from exchangelib.items import SEND_TO_ALL_AND_SAVE_COPY
from peer_account import basic_account

cfg = json.loads(sys.argv[1])
tz = EWSTimeZone('UTC')
account = basic_account(cfg['url'], cfg['user'], cfg['password'], tz=tz)
when = EWSDateTime(2026, 5, 6, 14, 0, tzinfo=tz)
summary = {}


def attendee(user):
    return Attendee(mailbox=Mailbox(email_address=f'{user}@contoso.test'), response_type='Unknown')


def lists(item):
    def one(xs):
        return [(a.mailbox.email_address, a.response_type) for a in (xs or [])]
    return one(item.required_attendees), one(item.optional_attendees), one(item.resources)


# A meeting saved without invitations: every attendee is Unknown.
meeting = CalendarItem(account=account, folder=account.calendar, subject='Planning', start=when,
                       end=when + datetime.timedelta(hours=1),
                       required_attendees=[attendee('bob'), attendee('carol')],
                       optional_attendees=[attendee('dave')])
meeting.save()
meeting.refresh()
got = lists(meeting)
assert got == ([('bob@contoso.test', 'Unknown'), ('carol@contoso.test', 'Unknown')],
               [('dave@contoso.test', 'Unknown')], []), ('create', got)

# A full save (no update_fields) with a new subject and changed lists: Carol moves to optional, Dave
# leaves, Erin joins, a room is booked; every list is sent whole, the empty ones as DeleteItemField.
meeting.subject = 'Planning (moved)'
meeting.required_attendees = [attendee('bob'), attendee('erin')]
meeting.optional_attendees = [attendee('carol')]
meeting.resources = [attendee('room.tokyo')]
meeting.save()
meeting.refresh()
assert meeting.subject == 'Planning (moved)', meeting.subject
got = lists(meeting)
assert got == ([('bob@contoso.test', 'Unknown'), ('erin@contoso.test', 'Unknown')],
               [('carol@contoso.test', 'Unknown')], [('room.tokyo@contoso.test', 'Unknown')]), ('update', got)

# Sent to everyone: newcomers are invited (NoResponseReceived, a free room accepts), stayers keep theirs.
meeting.optional_attendees = None
meeting.required_attendees = [attendee('bob'), attendee('erin'), attendee('frank')]
meeting.save(send_meeting_invitations=SEND_TO_ALL_AND_SAVE_COPY)
meeting.refresh()
got = lists(meeting)
assert got == ([('bob@contoso.test', 'Unknown'), ('erin@contoso.test', 'Unknown'),
                ('frank@contoso.test', 'NoResponseReceived')], [],
               [('room.tokyo@contoso.test', 'Unknown')]), ('sent', got)
summary['calendarItem'] = 3

# A draft's author (message:From): exchangelib sends it on create and on a full save of a draft.
draft = Message(account=account, folder=account.drafts, subject='On behalf',
                author=Mailbox(email_address='bob@contoso.test'),
                to_recipients=[Mailbox(email_address='carol@contoso.test')])
draft.save()
draft.refresh()
assert draft.author.email_address == 'bob@contoso.test', ('create', draft.author)
assert draft.sender.email_address == 'bob@contoso.test', ('create sender', draft.sender)
draft.subject = 'On behalf (2)'
draft.author = Mailbox(email_address='erin@contoso.test')
draft.save()
draft.refresh()
assert (draft.subject, draft.author.email_address) == ('On behalf (2)', 'erin@contoso.test'), (
    'update', draft.subject, draft.author)
summary['draft'] = 2

print(json.dumps(summary))
