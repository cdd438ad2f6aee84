"""exchangelib 4.9.0 as a delegate (Grace working on Alice's mailbox) against @ews/test-server.

Usage: /usr/bin/python3 delegate_peer.py '<json config>'  Config: {"url", "user", "password", "owner", "to"}.
Prints a JSON summary as its last line: what exchangelib did with writes that name no folder.
"""
import datetime
import json
import sys

from exchangelib import (
    BASIC, DELEGATE, Account, CalendarItem, Configuration, Credentials, EWSDateTime, EWSTimeZone, Message,
    Version, Build,
)

cfg = json.loads(sys.argv[1])
tz = EWSTimeZone('UTC')
config = Configuration(
    service_endpoint=cfg['url'],
    credentials=Credentials(cfg['user'], cfg['password']),
    auth_type=BASIC,
    version=Version(build=Build(15, 1, 2507, 6)),
    max_connections=1,
)
owner = Account(
    primary_smtp_address=cfg['owner'], config=config, access_type=DELEGATE, autodiscover=False, default_timezone=tz,
)
start = EWSDateTime(2026, 3, 20, 10, tzinfo=tz)
end = start + datetime.timedelta(hours=1)
summary = {}

# The guide's CalendarItem(account=room, ...).save(): no folder.
try:
    CalendarItem(account=owner, subject='peer: no folder', start=start, end=end).save()
    summary['saveWithoutFolder'] = 'saved'
except AttributeError as error:
    summary['saveWithoutFolder'] = str(error)

# With the account's folder: exchangelib names the owner's mailbox in the DistinguishedFolderId.
CalendarItem(account=owner, folder=owner.calendar, subject='peer: calendar', start=start, end=end).save()

# send_and_save() without a folder: exchangelib keeps the copy in the ACCOUNT's Sent Items.
Message(account=owner, subject='peer: sent', to_recipients=[cfg['to']]).send_and_save()

print(json.dumps(summary))
