"""Item time zones, all-day events, CalendarView boundaries and GetServerTimeZones through exchangelib 4.9.0.

Usage: /usr/bin/python3 calendar_peer.py '<json config>'   Config: {"url", "user", "password"}.
Every check is an assert; the last stdout line is a JSON summary the vitest test checks too.
"""
import datetime
import json
import sys

from exchangelib import CalendarItem, EWSDate, EWSDateTime, EWSTimeZone
from exchangelib.recurrence import NumberedPattern, Recurrence, WeeklyPattern
from peer_account import basic_account

cfg = json.loads(sys.argv[1])
utc = EWSTimeZone('UTC')
oslo = EWSTimeZone('Europe/Oslo')
new_york = EWSTimeZone('America/New_York')
account = basic_account(cfg['url'], cfg['user'], cfg['password'], tz=utc)
summary = {}

# 1. Start in Oslo, end in New York: both zones come back from refresh() (StartTimeZone/EndTimeZone).
flight = CalendarItem(
    account=account, folder=account.calendar, subject='Oslo to New York',
    start=EWSDateTime(2027, 6, 1, 9, 0, tzinfo=oslo), end=EWSDateTime(2027, 6, 1, 12, 0, tzinfo=new_york),
)
flight.save()
fetched = account.calendar.get(id=flight.id)
assert fetched._start_timezone == oslo or fetched._start_timezone.ms_id == oslo.ms_id, fetched._start_timezone
assert fetched._end_timezone.ms_id == new_york.ms_id, fetched._end_timezone
assert fetched.start == EWSDateTime(2027, 6, 1, 7, 0, tzinfo=utc), fetched.start
assert fetched.end == EWSDateTime(2027, 6, 1, 16, 0, tzinfo=utc), fetched.end
flight.refresh()
summary['zones'] = [flight._start_timezone.ms_id, flight._end_timezone.ms_id]

# 2. An all-day event given as dates in Oslo comes back on the same dates (not a day early).
holiday = CalendarItem(
    account=account, folder=account.calendar, subject='Constitution Day', is_all_day=True,
    start=EWSDate(2027, 5, 17), end=EWSDate(2027, 5, 17),
)
account.default_timezone = oslo
holiday.save()
account.default_timezone = utc
fetched_holiday = account.calendar.get(id=holiday.id)
assert fetched_holiday.is_all_day is True
assert fetched_holiday.start == EWSDate(2027, 5, 17), fetched_holiday.start
assert fetched_holiday.end == EWSDate(2027, 5, 17), fetched_holiday.end
summary['allDay'] = [str(fetched_holiday.start), str(fetched_holiday.end)]

# 3. view(): an item ending exactly at the view's start is in (CalendarView's StartDate rule); one
#    starting exactly at the view's end is not.
before = CalendarItem(account=account, folder=account.calendar, subject='view: ends at start',
                      start=EWSDateTime(2027, 7, 1, 8, 0, tzinfo=utc), end=EWSDateTime(2027, 7, 1, 9, 0, tzinfo=utc))
after = CalendarItem(account=account, folder=account.calendar, subject='view: starts at end',
                     start=EWSDateTime(2027, 7, 1, 12, 0, tzinfo=utc), end=EWSDateTime(2027, 7, 1, 13, 0, tzinfo=utc))
before.save()
after.save()
seen = sorted(i.subject for i in account.calendar.view(start=EWSDateTime(2027, 7, 1, 9, 0, tzinfo=utc),
                                                        end=EWSDateTime(2027, 7, 1, 12, 0, tzinfo=utc)))
assert seen == ['view: ends at start'], seen
summary['view'] = seen

# 4. A weekly series keeps FirstDayOfWeek and its StartDate as sent.
weekly = CalendarItem(
    account=account, folder=account.calendar, subject='weekly from Monday',
    start=EWSDateTime(2027, 8, 4, 9, 0, tzinfo=oslo), end=EWSDateTime(2027, 8, 4, 10, 0, tzinfo=oslo),
    recurrence=Recurrence(pattern=WeeklyPattern(interval=1, weekdays=[3], first_day_of_week=1),
                          boundary=NumberedPattern(start=EWSDate(2027, 8, 4), number=3)),
)
weekly.save()
master = account.calendar.get(id=weekly.id)
assert master.recurrence.pattern.first_day_of_week == 1, master.recurrence.pattern
assert master.recurrence.boundary.start == EWSDate(2027, 8, 4), master.recurrence.boundary
assert master.recurrence.boundary.number == 3
summary['weekly'] = [master.recurrence.pattern.first_day_of_week, str(master.recurrence.boundary.start)]

# 5. get_timezones(): Windows' whole list, each with its definition.
zones = list(account.protocol.get_timezones(return_full_timezone_data=True))
ids = [z.id for z in zones]
assert len(ids) > 130, len(ids)
berlin = next(z for z in zones if z.id == 'W. Europe Standard Time')
assert [p.name for p in berlin.periods] == ['Standard', 'Daylight'], berlin.periods
assert berlin.name.startswith('(UTC+01:00)'), berlin.name
for wanted in ('W. Europe Standard Time', 'Eastern Standard Time', 'Tokyo Standard Time', 'UTC'):
    assert wanted in ids, wanted
summary['timezones'] = len(ids)

for item in (flight, holiday, before, after, weekly):
    item.delete()
print(json.dumps(summary))
