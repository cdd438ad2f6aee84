"""exchangelib 4.9.0 declines a meeting and deletes a message against @ews/test-server.

Usage: /usr/bin/python3 deleted_items_peer.py '<json config>'  Config: {"url", "organizer", "attendee"}, each
{"user", "password"}. Prints a JSON summary as its last line: what became of the ids after the items went to
Deleted Items ("Deleting items by using EWS in Exchange": the item moves, Exchange's ids name their folder).
"""
import datetime
import json
import sys

from exchangelib import CalendarItem, EWSDateTime, EWSTimeZone, Message
from exchangelib.items import MeetingRequest, SEND_AND_SAVE_COPY, SEND_TO_ALL_AND_SAVE_COPY
from peer_account import basic_account

cfg = json.loads(sys.argv[1])
tz = EWSTimeZone('UTC')


def account(who):
    return basic_account(cfg['url'], who['user'], who['password'], tz=tz)


def found(acc, item_id):
    """'found' or the name of the error exchangelib's fetch gives for the id."""
    [result] = list(acc.fetch(ids=[(item_id, None)]))
    return type(result).__name__ if isinstance(result, Exception) else 'found'


organizer, attendee = account(cfg['organizer']), account(cfg['attendee'])
start = EWSDateTime(2026, 4, 20, 10, tzinfo=tz)
CalendarItem(
    account=organizer, folder=organizer.calendar, subject='peer: declined', start=start,
    end=start + datetime.timedelta(hours=1), required_attendees=[cfg['attendee']['user']],
).save(send_meeting_invitations=SEND_TO_ALL_AND_SAVE_COPY)

[request] = [i for i in attendee.inbox.filter(subject='peer: declined') if isinstance(i, MeetingRequest)]
entry_id = request.associated_calendar_item_id.id
request.decline(message_disposition=SEND_AND_SAVE_COPY)
binned = list(attendee.trash.filter(subject='peer: declined'))
summary = {
    'request': found(attendee, request.id),
    'entry': found(attendee, entry_id),
    'binned': sorted(type(i).__name__ for i in binned),
    'newIds': all(i.id not in (request.id, entry_id) for i in binned),
}

message = Message(account=attendee, folder=attendee.drafts, subject='peer: bin me')
message.save()
old_id = message.id
message.move_to_trash()
[moved] = list(attendee.trash.filter(subject='peer: bin me'))
summary['trashed'] = [found(attendee, old_id), moved.id != old_id]
print(json.dumps(summary))
