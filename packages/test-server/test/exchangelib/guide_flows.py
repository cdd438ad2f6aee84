"""Runs the flows of the on-prem calendar/rooms guide (Steps 1-5, "Testing Your Implementation" and
"Performance Optimization") with Debian's exchangelib 4.9.0 against @ews/test-server, the way the guide
writes them: Configuration(server=...) + Credentials, autodiscover off, DELEGATE/IMPERSONATION.

Usage: /usr/bin/python3 guide_flows.py '<json config>'
Config: {"server": "127.0.0.1:PORT", "domain", "user", "userPassword", "service", "servicePassword",
"rooms": [...], "colleagues": [...], "now": ISO, "authType": "NTLM" | "BASIC" | null (detect),
"pinVersion": bool (false: exchangelib guesses), "noVerify": bool (the guide's NoVerifyHTTPAdapter),
"phase": "read" | "write"}.
Prints one JSON line with what each step returned; the vitest test compares it with the server's state.
NTLM needs MD4: run with OPENSSL_CONF loading OpenSSL's legacy provider.
"""
import datetime
import json
import sys

import urllib3
from exchangelib import (
    BASIC, DELEGATE, IMPERSONATION, NTLM, Account, Attendee, Build, CalendarItem, Configuration, Credentials,
    EWSDateTime, EWSTimeZone, Mailbox, Version,
)
from exchangelib.errors import ErrorAccessDenied, ErrorItemNotFound
from exchangelib.items import MeetingRequest
from exchangelib.protocol import BaseProtocol, NoVerifyHTTPAdapter

cfg = json.loads(sys.argv[1])
# The guide uses pytz.UTC; Debian's python3-exchangelib does not pull in pytz, and exchangelib refuses
# datetime.timezone.utc, so its own EWSTimeZone('UTC') plays that part.
UTC = tz = EWSTimeZone('UTC')
NOW = datetime.datetime.fromisoformat(cfg['now'].replace('Z', '')).replace(tzinfo=UTC)
AUTH = {'NTLM': NTLM, 'BASIC': BASIC, None: None}[cfg['authType']]
VERSION = Version(build=Build(15, 1, 2507, 6)) if cfg['pinVersion'] else None
BaseProtocol.TIMEOUT = 20  # bounded: a hung request fails the run instead of stalling it
if cfg['noVerify']:
    # As in the guide's Step 1 for self-signed certificates (development only).
    urllib3.disable_warnings()
    BaseProtocol.HTTP_ADAPTER_CLS = NoVerifyHTTPAdapter


def logon(address):
    """DOMAIN\\user, the down-level logon name the guide uses."""
    return f"{cfg['domain']}\\{address.split('@')[0]}"


def configuration(username, password, **extra):
    kwargs = dict(server=cfg['server'], credentials=Credentials(username, password), **extra)
    if AUTH is not None:
        kwargs['auth_type'] = AUTH
    if VERSION is not None:
        kwargs['version'] = VERSION
    return Configuration(**kwargs)


def iso(value):
    """UTC ISO text; all-day items come back from exchangelib as dates."""
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return value.astimezone(UTC).strftime('%Y-%m-%dT%H:%M:%SZ')
    return value.isoformat()


def brief(item):
    return {
        'subject': item.subject,
        'start': iso(item.start),
        'end': iso(item.end),
        'location': item.location,
        'organizer': item.organizer.email_address if item.organizer else None,
    }


out = {}

# Step 1: Basic connection (Configuration + Credentials, autodiscover off, DELEGATE).
def connect_to_exchange():
    config = configuration(logon(cfg['user']), cfg['userPassword'])
    return Account(primary_smtp_address=cfg['user'], config=config, autodiscover=False, access_type=DELEGATE,
                   default_timezone=tz)


account = connect_to_exchange()
out['step1'] = {
    'connected': account.primary_smtp_address,
    'authType': account.protocol.auth_type,
    'build': str(account.version.build),
    'apiVersion': account.version.api_version,
}


# Step 2: ExchangeCalendarClient.get_calendar_events over 30 days, in the guide's Graph-like shape.
class ExchangeCalendarClient:
    def __init__(self, server, username, password, email=None):
        self.server, self.username, self.password = server, username, password
        self.email = email
        self.account = None

    def authenticate(self):
        config = configuration(self.username, self.password)
        self.account = Account(primary_smtp_address=self.email, config=config, autodiscover=False,
                               access_type=DELEGATE, default_timezone=tz)
        return True

    def get_calendar_events(self, start_date=None, end_date=None):
        start = EWSDateTime.from_datetime(start_date)
        end = EWSDateTime.from_datetime(end_date)
        events = []
        for item in self.account.calendar.view(start=start, end=end):
            events.append({
                'subject': item.subject,
                'start': {'dateTime': iso(item.start)},
                'end': {'dateTime': iso(item.end)},
                'location': item.location,
                'organizer': {'emailAddress': {
                    'address': item.organizer.email_address if item.organizer else None,
                    'name': item.organizer.name if item.organizer else None,
                }},
                'attendees': [a.mailbox.email_address for a in item.required_attendees or []],
                'isAllDay': item.is_all_day,
                'isCancelled': item.is_cancelled,
                'isRecurring': item.is_recurring,
                'categories': item.categories if item.categories else [],
            })
        return {'value': events}


# Step 3: MeetingRoomManager, connected as the service account (full access to the rooms).
class MeetingRoomManager:
    def __init__(self, server, username, password):
        self.config = configuration(username, password)
        self.rooms = {}

    def connect_to_room(self, room_email):
        room = Account(primary_smtp_address=room_email, config=self.config, autodiscover=False,
                       access_type=DELEGATE, default_timezone=tz)
        self.rooms[room_email] = room
        return room

    def room(self, room_email):
        return self.rooms.get(room_email) or self.connect_to_room(room_email)

    def get_room_availability(self, room_email, start_time, end_time):
        events = list(self.room(room_email).calendar.view(
            start=EWSDateTime.from_datetime(start_time), end=EWSDateTime.from_datetime(end_time)))
        return {'room': room_email, 'is_available': len(events) == 0, 'conflicts': [brief(i) for i in events]}

    def book_room(self, room_email, subject, start_time, end_time, organizer_email, attendees=None, body=None):
        room = self.room(room_email)
        # The guide leaves out folder=; exchangelib 4.9 then refuses save() ("Folder must be supplied
        # when in save-only mode"), so the item names the room's calendar.
        item = CalendarItem(
            account=room, folder=room.calendar, subject=subject, start=start_time, end=end_time,
            body=body or f'Meeting booked by {organizer_email}', location=room_email,
            required_attendees=[Attendee(mailbox=Mailbox(email_address=organizer_email), response_type='Organizer')],
        )
        # The guide gives these response_type='Required', which exchangelib 4.9 refuses (not a ResponseType).
        for attendee_email in attendees or []:
            item.required_attendees.append(Attendee(mailbox=Mailbox(email_address=attendee_email)))
        item.save()
        return {'success': True, 'meeting_id': item.id, 'change_key': item.changekey}

    def get_all_room_schedules(self, room_emails, date):
        start = datetime.datetime.combine(date, datetime.time.min).replace(tzinfo=UTC)
        end = datetime.datetime.combine(date, datetime.time.max).replace(tzinfo=UTC)
        schedules = {}
        for room_email in room_emails:
            events = self.room(room_email).calendar.view(
                start=EWSDateTime.from_datetime(start), end=EWSDateTime.from_datetime(end))
            schedules[room_email] = [dict(brief(i), status=i.legacy_free_busy_status) for i in events]
        return schedules


# Step 4: impersonation for several users.
class ExchangeImpersonationClient:
    def __init__(self, server, service_account, service_password):
        self.config = configuration(service_account, service_password)

    def get_multiple_user_events(self, user_emails, start_date, end_date):
        all_events = {}
        for email in user_emails:
            try:
                account = Account(primary_smtp_address=email, config=self.config, autodiscover=False,
                                  access_type=IMPERSONATION, default_timezone=tz)
                events = account.calendar.view(start=EWSDateTime.from_datetime(start_date),
                                               end=EWSDateTime.from_datetime(end_date))
                all_events[email] = [brief(i) for i in events]
            except Exception as e:  # the guide keeps going and records the error
                all_events[email] = {'error': type(e).__name__}
        return all_events


# Step 5: RobustExchangeClient: pool size, the effective-rights probe, ErrorAccessDenied handled.
class RobustExchangeClient:
    def __init__(self, server, username, password, max_connections=4):
        self.username, self.password = username, password
        BaseProtocol.SESSION_POOLSIZE = max_connections
        self.account = None

    def connect(self, email):
        config = configuration(self.username, self.password, max_connections=4)
        self.account = Account(primary_smtp_address=email, config=config, autodiscover=False,
                               access_type=DELEGATE, default_timezone=tz)
        _ = self.account.root.effective_rights  # raises ErrorAccessDenied without mailbox access
        return True

    def safe_get_events(self, start_date, end_date):
        try:
            return list(self.account.calendar.view(start=EWSDateTime.from_datetime(start_date),
                                                   end=EWSDateTime.from_datetime(end_date)))
        except ErrorItemNotFound:
            return []


if cfg['phase'] == 'read':
    client = ExchangeCalendarClient(cfg['server'], logon(cfg['user']), cfg['userPassword'], email=cfg['user'])
    client.authenticate()
    out['step2'] = client.get_calendar_events(NOW, NOW + datetime.timedelta(days=30))['value']

    manager = MeetingRoomManager(cfg['server'], logon(cfg['service']), cfg['servicePassword'])
    slot_start = NOW + datetime.timedelta(hours=1)
    out['availability'] = [
        manager.get_room_availability(room, slot_start, slot_start + datetime.timedelta(hours=2))
        for room in cfg['rooms']
    ]
    # Room free/busy as GetUserAvailability merges it (30-minute slots over the working day).
    day = NOW.replace(hour=8, minute=0, second=0, microsecond=0)
    fb = list(account.protocol.get_free_busy_info(
        accounts=[(manager.room(room), 'Room', False) for room in cfg['rooms']],
        start=day, end=day + datetime.timedelta(hours=10), merged_free_busy_interval=30,
        requested_view='FreeBusyMerged',
    ))
    out['freeBusy'] = {room: info.merged for room, info in zip(cfg['rooms'], fb)}

    impersonation = ExchangeImpersonationClient(cfg['server'], logon(cfg['service']), cfg['servicePassword'])
    out['step4'] = impersonation.get_multiple_user_events(
        [cfg['user'], *cfg['colleagues'], cfg['rooms'][0], 'nobody@contoso.test'],
        NOW, NOW + datetime.timedelta(days=7))

    robust = RobustExchangeClient(cfg['server'], logon(cfg['service']), cfg['servicePassword'])
    try:
        robust.connect(cfg['user'])
        out['step5AccessDenied'] = False
    except ErrorAccessDenied:
        out['step5AccessDenied'] = True
    robust.connect(cfg['rooms'][1])
    out['step5Events'] = [brief(i) for i in robust.safe_get_events(NOW, NOW + datetime.timedelta(days=30))]

    # "Testing Your Implementation": folder name and total_count.
    out['testing'] = {'calendarName': account.calendar.name, 'calendarTotal': account.calendar.total_count}

    # "Performance Optimization": filter + only + order_by, and a filtered count.
    query = account.calendar.all().filter(subject__contains='Team standup')
    rows = query.only('subject', 'start', 'end', 'location').order_by('-start')
    out['optimized'] = [dict(brief(i), organizer=None) for i in rows]
    out['optimizedCount'] = account.calendar.filter(subject__contains='Team standup').count()
    out['inboxUnread'] = account.inbox.filter(is_read=False).count()
else:
    manager = MeetingRoomManager(cfg['server'], logon(cfg['service']), cfg['servicePassword'])
    slot_start = NOW.replace(hour=16, minute=0, second=0, microsecond=0)
    booking = manager.book_room(
        cfg['rooms'][0], 'Project Review Meeting', EWSDateTime.from_datetime(slot_start),
        EWSDateTime.from_datetime(slot_start + datetime.timedelta(hours=1)), cfg['user'],
        attendees=cfg['colleagues'][:2], body='Quarterly project review and planning session')
    out['booking'] = booking['meeting_id']

    # Booking with invitations from the organizer's mailbox: the room answers, colleagues respond.
    meeting_start = EWSDateTime.from_datetime(NOW.replace(hour=7, minute=0, second=0, microsecond=0)
                                              + datetime.timedelta(days=1))
    invitation = CalendarItem(
        account=account, folder=account.calendar, subject='Guide invitation', start=meeting_start,
        end=meeting_start + datetime.timedelta(minutes=45), location='Paris',
        required_attendees=[Attendee(mailbox=Mailbox(email_address=c)) for c in cfg['colleagues'][:2]],
        resources=[Attendee(mailbox=Mailbox(email_address=cfg['rooms'][1]))],
    )
    invitation.save(send_meeting_invitations='SendToAllAndSaveCopy')
    out['invitation'] = invitation.id
    answers = {}
    for colleague, answer in zip(cfg['colleagues'][:2], ('accept', 'decline')):
        colleague_account = Account(
            primary_smtp_address=colleague, config=configuration(logon(colleague), cfg['colleaguePasswords'][colleague]),
            autodiscover=False, access_type=DELEGATE, default_timezone=tz)
        requests = [m for m in colleague_account.inbox.filter(subject='Guide invitation')
                    if isinstance(m, MeetingRequest)]
        assert len(requests) == 1, requests
        getattr(requests[0], answer)(body=f'{answer} from {colleague}')
        answers[colleague] = answer
    organizer_view = account.calendar.get(id=invitation.id)
    out['responses'] = {a.mailbox.email_address: a.response_type for a in organizer_view.required_attendees}
    out['roomResponse'] = {a.mailbox.email_address: a.response_type for a in organizer_view.resources}

    created = account.bulk_create(folder=account.calendar, items=[
        CalendarItem(account=account, subject=f'Bulk event {n}',
                     start=EWSDateTime.from_datetime(NOW + datetime.timedelta(days=40 + n)),
                     end=EWSDateTime.from_datetime(NOW + datetime.timedelta(days=40 + n, hours=1)))
        for n in range(3)
    ])
    out['bulk'] = [c.id for c in created]
    out['schedules'] = manager.get_all_room_schedules(cfg['rooms'], NOW.date())

print(json.dumps(out))
