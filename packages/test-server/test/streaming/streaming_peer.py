"""Drives GetStreamingEvents and Bearer auth of @ews/test-server with the real exchangelib 4.9.0.

Usage: /usr/bin/python3 streaming_peer.py '<json config>'
Config: {"url", "user", "password", "colleague", "colleaguePassword", "token"}.
Every check is an assert; the last stdout line is a JSON summary the vitest test checks too.
"""
import json
import sys
import threading
import time

from exchangelib import BASIC, DELEGATE, OAUTH2, Account, Build, Configuration, Credentials, Mailbox, Message, Version
from exchangelib.credentials import OAuth2AuthorizationCodeCredentials
from exchangelib.properties import CreatedEvent, NewMailEvent

cfg = json.loads(sys.argv[1])
version = Version(build=Build(15, 1, 2507, 6))


def account_for(user, credentials, auth_type):
    config = Configuration(
        service_endpoint=cfg['url'], credentials=credentials, auth_type=auth_type, version=version, max_connections=2,
    )
    return Account(primary_smtp_address=user, config=config, access_type=DELEGATE, autodiscover=False)


summary = {}
me = account_for(cfg['user'], Credentials(cfg['user'], cfg['password']), BASIC)
colleague = account_for(cfg['colleague'], Credentials(cfg['colleague'], cfg['colleaguePassword']), BASIC)

# 1. A streaming subscription on the inbox; mail sent while the connection is open arrives on it.
sub_id = me.inbox.subscribe_to_streaming()


def send_later():
    time.sleep(0.4)
    for n in range(2):
        Message(account=colleague, subject=f'streamed {n}', body='x',
                to_recipients=[Mailbox(email_address=cfg['user'])]).send()


sender = threading.Thread(target=send_later)
sender.start()
started = time.monotonic()
events = []
for notification in me.inbox.get_streaming_events(sub_id, connection_timeout=1):
    events.extend(notification.events)
sender.join()
elapsed = time.monotonic() - started
kinds = [type(e).__name__ for e in events]
assert kinds.count('NewMailEvent') == 2, kinds
assert kinds.count('CreatedEvent') == 2, kinds
new_ids = {e.item_id.id for e in events if isinstance(e, NewMailEvent)}
assert new_ids == {e.item_id.id for e in events if isinstance(e, CreatedEvent)}
subjects = sorted(m.subject for m in me.inbox.filter(subject__startswith='streamed'))
assert subjects == ['streamed 0', 'streamed 1'], subjects
me.inbox.unsubscribe(sub_id)
summary['streamed'] = sorted(set(kinds))
summary['elapsed'] = round(elapsed, 2)

# 2. Bearer: exchangelib's OAuth2 with an access token it already has (no token endpoint involved).
token = {'access_token': cfg['token'], 'token_type': 'Bearer', 'expires_in': 3600, 'expires_at': time.time() + 3600}
oauth = account_for(cfg['user'], OAuth2AuthorizationCodeCredentials(access_token=token), OAUTH2)
summary['bearerInbox'] = oauth.inbox.name
summary['bearerCount'] = oauth.inbox.filter(subject__startswith='streamed').count()
print(json.dumps(summary))
