"""Response codes, attachments on create, MIME on create and read-flag sync, judged by exchangelib 4.9.0.

Usage: /usr/bin/python3 codes_peer.py '<json config>'  (config: {"url", "user", "password"})
The checks follow exchangelib's own live-server tests (test_account.test_delegate, test_items' bulk
failure and MIME tests, test_attachments, test_sync's read-flag and invalid-subscription tests).
Every check is an assert; the last stdout line is a JSON summary.
"""
import json
import sys
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText

from exchangelib import Message
from exchangelib.attachments import FileAttachment, ItemAttachment
from exchangelib.errors import (
    ErrorDelegateNoUser, ErrorInvalidChangeKey, ErrorInvalidIdMalformed, ErrorInvalidRequest,
    ErrorInvalidServerVersion, ErrorInvalidSubscription, ErrorInvalidUserSid, ErrorNotDelegate,
)
from exchangelib.folders import Messages
from exchangelib.properties import UserId
from exchangelib.services import GetDelegate, ResolveNames
from exchangelib.util import create_element
from peer_account import basic_account

cfg = json.loads(sys.argv[1])
account = basic_account(cfg['url'], cfg['user'], cfg['password'], max_connections=2)
summary = {}


def raises(error, call):
    try:
        call()
    except error:
        return True
    raise AssertionError(f'expected {error.__name__}')


# 1. Delegates: the list, then one answer per UserId with the documented codes.
summary['delegates'] = sorted(d.user_id.primary_smtp_address for d in account.delegates)
delegate = GetDelegate(account=account)
summary['invalidSid'] = raises(
    ErrorInvalidUserSid, lambda: list(delegate.call(user_ids=[UserId(sid='XXX')], include_permissions=True)))
summary['noUser'] = raises(
    ErrorDelegateNoUser, lambda: list(delegate.call(user_ids=['foo@example.com'], include_permissions=True)))
summary['notDelegate'] = raises(
    ErrorNotDelegate,
    lambda: list(delegate.call(user_ids=[account.primary_smtp_address], include_permissions=True)))

# 2. Attachments on a new item: save() creates them with the item and takes their ids from the answer.
content = 'Hello from unicode æøå'.encode('utf-8')
inner = Message(account=account, folder=account.drafts, subject='codes inner').save()
item = Message(
    account=account, folder=account.drafts, subject='codes attachments',
    attachments=[FileAttachment(name='my_file_1.txt', content=content)],
)
item.attach(ItemAttachment(name='inner item', item=inner))
item.save()
assert all(a.attachment_id is not None for a in item.attachments), item.attachments
fresh = list(account.fetch(ids=[item]))[0]
names = sorted(a.name for a in fresh.attachments)
assert names == ['inner item', 'my_file_1.txt'], names
file_attachment = [a for a in fresh.attachments if a.name == 'my_file_1.txt'][0]
assert file_attachment.content == content
summary['attachments'] = names
item.refresh()
assert len(item.attachments) == 2

# 3. MIME on create (exchangelib's test_mime_content): the body comes from the MIME.
subject = 'codes mime subject'
mime = MIMEMultipart()
mime['From'] = account.primary_smtp_address
mime['To'] = account.primary_smtp_address
mime['Subject'] = subject
mime.attach(MIMEText('MIME test mail', 'plain', _charset='utf-8'))
Message(
    account=account, folder=account.inbox, to_recipients=[account.primary_smtp_address],
    mime_content=mime.as_bytes(), categories=['codes'],
).save()
got = account.inbox.get(subject=subject)
assert got.body == 'MIME test mail', got.body
assert got.categories == ['codes'], got.categories
summary['mimeBody'] = got.body

# 4. sync_items: a change of is_read alone is a read_flag_change (exchangelib's test_sync_folder_items).
folder = Messages(parent=account.inbox, name='codes sync').save()
list(folder.sync_items())
i1 = Message(account=account, folder=folder, subject='codes sync item').save()
changes = list(folder.sync_items())
assert [c[0] for c in changes] == ['create'], changes
i1.is_read = not i1.is_read
i1.save(update_fields=['is_read'])
changes = list(folder.sync_items())
assert len(changes) == 1, changes
change_type, (item_id, read_state) = changes[0]
assert change_type == 'read_flag_change', change_type
assert item_id.id == i1.id and read_state == i1.is_read, (item_id, read_state)
i1.subject = 'codes sync renamed'
i1.save(update_fields=['subject'])
assert [c[0] for c in folder.sync_items()] == ['update']
summary['readFlag'] = change_type

# 5. Bulk failures keep their place (exchangelib's test_bulk_failure).
items1 = [Message(account=account, folder=account.drafts, subject=f'codes bulk {n}').save() for n in range(3)]
items1[1].changekey = 'XXX'
results = list(account.bulk_delete(items1))
assert results[0] is True and results[2] is True, results
assert isinstance(results[1], ErrorInvalidChangeKey), results
items2 = [Message(account=account, folder=account.drafts, subject=f'codes bulk id {n}').save() for n in range(3)]
items2[1].id = 'AAAA=='
results = list(account.bulk_delete(items2))
assert isinstance(results[1], ErrorInvalidIdMalformed), results
summary['bulk'] = 'ok'

# 6. An unreadable streaming subscription id (exchangelib's test_streaming_invalid_subscription).
try:
    list(account.drafts.get_streaming_events('AAA-', connection_timeout=1, max_notifications_returned=1))
    raise AssertionError('expected ErrorInvalidSubscription')
except ErrorInvalidSubscription as e:
    summary['invalidSubscription'] = str(e)

# 7. An unknown element as the request (exchangelib's test_get_elements expects ErrorInvalidRequest). 4.9.0
# takes an ErrorInvalidRequest fault for a wrong guessed version and tries every other one first, so here
# it ends as ErrorInvalidServerVersion; the vitest side checks the faults themselves were ErrorInvalidRequest.
try:
    list(ResolveNames(protocol=account.protocol)._get_elements(create_element('XXX')))
    raise AssertionError('expected a fault')
except (ErrorInvalidRequest, ErrorInvalidServerVersion) as e:
    summary['invalidRequest'] = type(e).__name__

print(json.dumps(summary))
