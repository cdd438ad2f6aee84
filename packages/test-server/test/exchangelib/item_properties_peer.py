"""exchangelib 4.9.0 saves items with many fields and reads them back (issue 13: the server keeps every property).

Usage: /usr/bin/python3 item_properties_peer.py '<json config>'   Config: {"url", "user", "password"}.
For a Message, Contact, Task, CalendarItem and generic Item: item.save() (CreateItem), refresh() (GetItem),
then a full item.save() of changed fields (UpdateItem with every field) and refresh() again; every field
set is compared. The last stdout line is a JSON summary.
"""
import datetime
from decimal import Decimal
import json
import sys

from exchangelib import CalendarItem, Contact, EWSDateTime, EWSTimeZone, HTMLBody, Mailbox, Message
from exchangelib.indexed_properties import EmailAddress, PhoneNumber, PhysicalAddress
from exchangelib.items import Item, Task
from peer_account import basic_account

cfg = json.loads(sys.argv[1])
tz = EWSTimeZone('UTC')
account = basic_account(cfg['url'], cfg['user'], cfg['password'], tz=tz)
when = EWSDateTime(2026, 5, 4, 9, 30, tzinfo=tz)
summary = {}


def check(item, fields, label):
    item.refresh()
    for name, expected in fields.items():
        got = getattr(item, name)
        if isinstance(expected, list) and got is not None:
            got = list(got)
        assert got == expected, (label, name, expected, got)
    return len(fields)


def round_trip(item, fields, changed, label, full_save=True):
    for name, value in fields.items():
        setattr(item, name, value)
    item.save()
    count = check(item, fields, f'{label} create')
    for name, value in changed.items():
        setattr(item, name, value)
    # A full save: UpdateItem with every field exchangelib knows (attendee lists included).
    item.save() if full_save else item.save(update_fields=list(changed))
    count += check(item, {**fields, **changed}, f'{label} update')
    summary[label] = count


common = {
    'subject': 'Fidelity',
    'body': HTMLBody('<html><body><b>rich</b></body></html>'),
    'importance': 'High',
    'sensitivity': 'Private',
    'categories': ['Blue', 'VIP'],
    'reminder_is_set': True,
    'reminder_minutes_before_start': 45,
    'reminder_due_by': when,
}

round_trip(Message(account=account, folder=account.drafts), {
    **common,
    'in_reply_to': '<orig@contoso.test>',
    'is_read_receipt_requested': True,
    'is_delivery_receipt_requested': True,
    'is_read': True,
    'is_response_requested': True,
    'references': '<orig@contoso.test>',
    'reply_to': [Mailbox(email_address='reply@contoso.test')],
    'to_recipients': [Mailbox(email_address='bob@contoso.test')],
}, {'subject': 'Fidelity 2', 'in_reply_to': '<other@contoso.test>', 'is_read': False}, 'message')

round_trip(Contact(account=account, folder=account.contacts), {
    **common,
    'subject': 'Contact subject',
    'given_name': 'Ann',
    'surname': 'Lee',
    'display_name': 'Ann Lee',
    'company_name': 'Contoso',
    'job_title': 'Chief',
    'department': 'R&D',
    'nickname': 'Annie',
    'birthday': datetime.date(1980, 2, 3),
    'email_addresses': [EmailAddress(email='ann@contoso.test', label='EmailAddress1'),
                        EmailAddress(email='ann2@contoso.test', label='EmailAddress2')],
    'phone_numbers': [PhoneNumber(label='MobilePhone', phone_number='+45 1234')],
    'physical_addresses': [PhysicalAddress(label='Business', street='Main 1', city='Oslo', zipcode='0150')],
    'companies': ['Contoso', 'Fabrikam'],
}, {'job_title': 'CEO', 'phone_numbers': [PhoneNumber(label='BusinessPhone', phone_number='+45 9')]}, 'contact')

round_trip(Task(account=account, folder=account.tasks), {
    **common,
    'status': 'InProgress',
    'percent_complete': Decimal(40),
    'due_date': datetime.date(2026, 6, 1),
    'start_date': datetime.date(2026, 5, 20),
    'billing_information': 'Project 7',
    'mileage': '12 km',
    'companies': ['Contoso'],
    'actual_work': 30,
    'total_work': 60,
}, {'billing_information': 'Project 8', 'percent_complete': Decimal(60)}, 'task')

round_trip(CalendarItem(account=account, folder=account.calendar), {
    **common,
    'start': when,
    'end': when + datetime.timedelta(hours=1),
    'location': 'Room 1',
    'legacy_free_busy_status': 'Tentative',
    'is_response_requested': True,
    'allow_new_time_proposal': False,
    'reminder_minutes_before_start': 10,
}, {'location': 'Room 2', 'reminder_minutes_before_start': 20}, 'calendarItem')

round_trip(Item(account=account, folder=account.drafts), {
    **common,
}, {'subject': 'Generic 2', 'importance': 'Low'}, 'item')

print(json.dumps(summary))
