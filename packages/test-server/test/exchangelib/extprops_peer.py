"""Extended properties and restriction paths, driven by the real exchangelib 4.9.0 (Debian python3-exchangelib).

Usage: /usr/bin/python3 extprops_peer.py '<json config>'
Config: {"url", "user", "password"}.
The property classes are those of exchangelib's own live-server suite (tests/test_extended_properties.py):
exchangelib matches an answer's ExtendedFieldURI to a registered class after lower-casing the class's
PropertySetId and mapping well-known sets to DistinguishedPropertySetId, so a server that echoed an
upper-case GUID would read as "property absent". Every check is an assert; the last stdout line is a
JSON summary the vitest test checks too.
"""
import json
import sys

from exchangelib import Contact, Message
from exchangelib.extended_properties import ExtendedProperty, Flag
from exchangelib.folders import Folder, Messages
from exchangelib.indexed_properties import EmailAddress
from peer_account import basic_account

cfg = json.loads(sys.argv[1])
account = basic_account(cfg['url'], cfg['user'], cfg['password'], max_connections=2)
summary = {}
CATEGORIES = ['extprops-peer', 'Second Category']


class TestProp(ExtendedProperty):
    property_set_id = 'deadbeaf-cafe-cafe-cafe-deadbeefcafe'
    property_name = 'Test Property'
    property_type = 'Integer'


class TestArrayProp(ExtendedProperty):
    property_set_id = 'deadcafe-beef-beef-beef-deadcafebeef'
    property_name = 'Test Array Property'
    property_type = 'IntegerArray'


class MyMeeting(ExtendedProperty):
    distinguished_property_set_id = 'Meeting'
    property_type = 'Binary'
    property_id = 3


class MyMeetingArray(ExtendedProperty):
    property_set_id = '00062004-0000-0000-C000-000000000046'
    property_type = 'BinaryArray'
    property_id = 32852


class ExternalSharingUrl(ExtendedProperty):
    property_set_id = 'F52A8693-C34D-4980-9E20-9D4C1EABB6A7'
    property_name = 'ExternalSharingUrl'
    property_type = 'String'


class FolderColor(ExtendedProperty):
    distinguished_property_set_id = 'PublicStrings'
    property_name = 'FolderColor'
    property_type = 'String'


REGISTERED = [
    ('dead_beef', TestProp), ('dead_beef_array', TestArrayProp), ('my_flag', Flag), ('my_meeting', MyMeeting),
    ('my_meeting_array', MyMeetingArray), ('sharing_url', ExternalSharingUrl),
]
for name, cls in REGISTERED:
    Message.register(name, cls)
Folder.register('folder_color', FolderColor)
try:
    inbox = account.inbox

    # 1. Create, refresh and update every kind of property exchangelib's suite uses (item.save()/refresh()).
    item = Message(
        account=account, folder=inbox, subject='extprops peer', body='The merger is finalized.',
        categories=CATEGORIES, dead_beef=42, dead_beef_array=[1, 2, 3], my_flag=2, my_meeting=b'\x00\x01\x02',
        my_meeting_array=[b'\x01', b'\x02\x03'], sharing_url='https://share.example/calendar.ics',
    )
    item.save()
    item.refresh()
    assert item.dead_beef == 42, item.dead_beef
    assert item.dead_beef_array == [1, 2, 3], item.dead_beef_array
    assert item.my_flag == 2, item.my_flag
    assert item.my_meeting == b'\x00\x01\x02', item.my_meeting
    assert item.my_meeting_array == [b'\x01', b'\x02\x03'], item.my_meeting_array
    assert item.sharing_url == 'https://share.example/calendar.ics', item.sharing_url
    item.dead_beef = 7
    item.dead_beef_array = [9]
    item.my_flag = 1
    item.save(update_fields=['dead_beef', 'dead_beef_array', 'my_flag'])
    fresh = account.inbox.get(id=item.id)
    assert (fresh.dead_beef, fresh.dead_beef_array, fresh.my_flag) == (7, [9], 1), (
        fresh.dead_beef, fresh.dead_beef_array, fresh.my_flag)
    # Setting None deletes the property (DeleteItemField).
    item.sharing_url = None
    item.save(update_fields=['sharing_url'])
    item.refresh()
    assert item.sharing_url is None, item.sharing_url
    summary['itemProps'] = [fresh.dead_beef, fresh.dead_beef_array, fresh.my_flag]

    # 2. filter() on extended properties (test_multiple_extended_properties, test_via_queryset).
    other = Message(account=account, folder=inbox, subject='extprops peer 2', categories=CATEGORIES, dead_beef=100)
    other.save()
    mine = inbox.filter(categories__contains=CATEGORIES)
    assert mine.count() == 2, mine.count()
    assert [m.subject for m in mine.filter(dead_beef__gt=9)] == ['extprops peer 2']
    assert [m.subject for m in mine.filter(dead_beef=7)] == ['extprops peer']
    assert [m.subject for m in mine.filter(dead_beef_array__contains=[9])] == ['extprops peer']
    assert mine.filter(my_flag__exists=True).count() == 1
    ordered = [m.subject for m in mine.order_by('-dead_beef')]
    assert ordered == ['extprops peer 2', 'extprops peer'], ordered
    other.sharing_url = 'https://share.example/other.ics'
    other.save(update_fields=['sharing_url'])
    got = inbox.get(sharing_url='https://share.example/other.ics')
    assert got.subject == 'extprops peer 2', got.subject
    summary['filtered'] = ordered

    # 3. categories__contains (And of IsEqualTo per category), categories__in (Or), and body contains.
    assert inbox.filter(categories__contains=['EXTPROPS-PEER']).count() == 2
    assert inbox.filter(categories__in=['no such category', 'Second Category']).count() == 2
    assert inbox.filter(categories__contains=['extprops-peer', 'missing']).count() == 0
    assert [m.subject for m in mine.filter(body__contains='merger')] == ['extprops peer']
    summary['categories'] = inbox.filter(categories__contains=CATEGORIES).count()

    # 4. Contact e-mail addresses as an IndexedFieldURI (email_addresses__EmailAddress1).
    contact = Contact(
        account=account, folder=account.contacts, given_name='Ext', surname='Props', display_name='Ext Props',
        email_addresses=[EmailAddress(email='ext.props@fabrikam.example', label='EmailAddress1')], categories=CATEGORIES,
    )
    contact.save()
    found = list(account.contacts.filter(email_addresses__EmailAddress1='ext.props@fabrikam.example'))
    assert [c.id for c in found] == [contact.id], found
    assert account.contacts.filter(email_addresses__EmailAddress2='ext.props@fabrikam.example').count() == 0
    summary['contactByEmail'] = len(found)

    # 5. Folders carry extended properties too (Folder.register, folder.save()/refresh()). A mail folder
    # (IPF.Note) so that refresh() finds the class it created.
    folder = Messages(parent=inbox, name='extprops peer folder', folder_color='teal')
    folder.save()
    folder.refresh()
    assert folder.folder_color == 'teal', folder.folder_color
    folder.folder_color = 'amber'
    folder.save(update_fields=['folder_color'])
    again = inbox / 'extprops peer folder'
    assert again.folder_color == 'amber', again.folder_color
    summary['folderColor'] = again.folder_color

    folder.delete()
    contact.delete()
    item.delete()
    other.delete()
finally:
    for name, _cls in REGISTERED:
        Message.deregister(name)
    Folder.deregister('folder_color')

print(json.dumps(summary))
