"""Occurrences, series masters and meetings by UID through exchangelib 4.9.0.

Usage: /usr/bin/python3 occurrences_uid_peer.py '<json config>'   Config: {"url", "user", "password"}.
exchangelib writes OccurrenceItemId / RecurringMasterItemId itself (item.occurrence(i), recurring_master())
and its own GlobalObjectId (the UID helper, issue 453's recipe): the server must answer them as Exchange does.
Every check is an assert; the last stdout line is a JSON summary the vitest test checks too.
"""
import json
import sys

from exchangelib import CalendarItem, EWSDateTime, EWSTimeZone, ExtendedProperty
from exchangelib.errors import ErrorCalendarOccurrenceIndexIsOutOfRecurrenceRange, ErrorCalendarOccurrenceIsDeletedFromRecurrence
from exchangelib.properties import UID
from exchangelib.recurrence import NumberedPattern, Recurrence, WeeklyPattern
from peer_account import basic_account


class GlobalObjectId(ExtendedProperty):
    distinguished_property_set_id = 'Meeting'
    property_id = 3
    property_type = 'Binary'


class CleanGlobalObjectId(ExtendedProperty):
    distinguished_property_set_id = 'Meeting'
    property_id = 0x23
    property_type = 'Binary'


CalendarItem.register('global_object_id', GlobalObjectId)
CalendarItem.register('clean_global_object_id', CleanGlobalObjectId)

cfg = json.loads(sys.argv[1])
utc = EWSTimeZone('UTC')
account = basic_account(cfg['url'], cfg['user'], cfg['password'], tz=utc)
summary = {}
uid = 'occur-peer-0001@example.test'

try:
    # 1. A weekly series of five with the caller's UID; exchangelib's GlobalObjectId filter finds it.
    series = CalendarItem(
        account=account, folder=account.calendar, subject='Peer series', uid=uid,
        start=EWSDateTime(2027, 9, 6, 9, 0, tzinfo=utc), end=EWSDateTime(2027, 9, 6, 10, 0, tzinfo=utc),
        recurrence=Recurrence(pattern=WeeklyPattern(interval=1, weekdays=[1]), boundary=NumberedPattern(
            start=EWSDateTime(2027, 9, 6, 9, 0, tzinfo=utc).date(), number=5)),
    )
    series.save()
    found = list(account.calendar.filter(global_object_id=UID(uid)))
    assert [i.id for i in found] == [series.id], found
    assert found[0].uid == uid, found[0].uid
    assert bytes(found[0].global_object_id) == bytes(UID(uid)), found[0].global_object_id
    assert bytes(found[0].clean_global_object_id) == bytes(UID(uid))
    assert list(account.calendar.filter(global_object_id=UID(uid + '-other'))) == []
    summary['byUid'] = [found[0].subject]

    # 2. occurrence(i) and recurring_master(), as exchangelib writes them, then refresh().
    third = series.occurrence(3)
    third.refresh()
    assert third.type == 'Occurrence', third.type
    assert third.start == EWSDateTime(2027, 9, 20, 9, 0, tzinfo=utc), third.start
    master = third.recurring_master()
    master.refresh()
    assert master.id == series.id and master.type == 'RecurringMaster'
    assert master.first_occurrence.start == EWSDateTime(2027, 9, 6, 9, 0, tzinfo=utc), master.first_occurrence
    assert master.last_occurrence.start == EWSDateTime(2027, 10, 4, 9, 0, tzinfo=utc), master.last_occurrence

    # 3. Change one occurrence (an exception), delete another; the master lists both.
    third.subject = 'Peer series (changed)'
    third.save(update_fields=['subject'])
    fourth = series.occurrence(4)
    fourth.refresh()
    fourth.delete()
    master.refresh()
    assert [o.start for o in master.modified_occurrences] == [EWSDateTime(2027, 9, 20, 9, 0, tzinfo=utc)]
    assert [o.start for o in master.deleted_occurrences] == [EWSDateTime(2027, 9, 27, 9, 0, tzinfo=utc)]
    summary['series'] = [len(master.modified_occurrences), len(master.deleted_occurrences)]

    # 4. The server's typed errors for a deleted occurrence and an index past the end.
    errors = []
    for index, expected in ((4, ErrorCalendarOccurrenceIsDeletedFromRecurrence),
                            (6, ErrorCalendarOccurrenceIndexIsOutOfRecurrenceRange)):
        try:
            series.occurrence(index).refresh()
            errors.append('none')
        except expected as e:
            errors.append(type(e).__name__)
    summary['errors'] = errors
finally:
    for item in account.calendar.filter(subject__startswith='Peer series'):
        item.delete()

print(json.dumps(summary))
