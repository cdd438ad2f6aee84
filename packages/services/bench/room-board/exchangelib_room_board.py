# exchangelib 4.9.0 side of the J4 room board (room-board.bench.mjs): which rooms are free for the
# next hour and each room's schedule for today, for every room of every room list.
#
#   python3 exchangelib_room_board.py <guide|batched> <url> <user> <password> <now ISO> <passes>
#
# guide   – the seed guide's Step 3 (on-prem-calendar-rooms-guide.md) as written: its
#           MeetingRoomManager opens each room as an Account (DELEGATE) and reads its calendar with
#           calendar.view(); the board calls get_room_availability(room, now, now + 1 h) for every
#           room and get_all_room_schedules(rooms) for today, as the guide's example does. Room by
#           room, one request after another.
# batched – exchangelib's own best batching: account.protocol.get_free_busy_info() over all rooms
#           at once for today (exchangelib sends them in chunks of 100, one after another, after a
#           GetServerTimeZones for the request's zone); the free hour comes from the same answer.
#           RequestedView FreeBusy: the board needs times only, as the @ews contenders ask for.
#
# Both find the rooms with the protocol's get_roomlists()/get_rooms() (the guide hard-codes three
# addresses; a board of 500 rooms reads the directory). The account signs in with Basic auth over
# http with the Exchange 2016 build pinned (no auth or version probing), as the test server's
# exchangelib peers do. Reads the board `passes` times (each with a new Account, and for the guide a
# new MeetingRoomManager; exchangelib keeps its protocol and connections per endpoint and
# credentials, as it does in any long-running process). Prints one JSON line: the seconds of each
# pass (from after the imports), the board's sizes and digests (as board.mjs's summarize()), and
# the process's peak RSS.
import hashlib
import json
import logging
import resource
import sys
import time
from datetime import datetime, timedelta, timezone

from exchangelib import BASIC, DELEGATE, Account, Build, Configuration, Credentials, EWSDateTime, EWSTimeZone, Version

mode, url, user, password, now_iso = sys.argv[1:6]
passes = int(sys.argv[6]) if len(sys.argv) > 6 else 1
baseline_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
# FreeBusy answers carry zone-less times (in the request's zone); exchangelib logs a warning for each.
logging.getLogger("exchangelib").setLevel(logging.ERROR)
UTC = EWSTimeZone("UTC")
# The guide passes aware datetimes (pytz.UTC there; the standard library's UTC here).
now = datetime.fromisoformat(now_iso.replace("Z", "+00:00")).astimezone(timezone.utc)
hour_end = now + timedelta(hours=1)
day_start = now.replace(hour=0, minute=0, second=0, microsecond=0)
day_end = day_start + timedelta(days=1)


class MeetingRoomManager:
    """The guide's Step 3 class, its room methods as written (book_room left out)."""

    def __init__(self, config):
        self.config = config
        self.rooms = {}

    def connect_to_room(self, room_email):
        try:
            room_account = Account(
                primary_smtp_address=room_email, config=self.config, autodiscover=False, access_type=DELEGATE
            )
            self.rooms[room_email] = room_account
            return room_account
        except Exception as e:
            print(f"Failed to connect to room {room_email}: {e}", file=sys.stderr)
            return None

    def get_room_availability(self, room_email, start_time, end_time):
        if room_email not in self.rooms:
            self.connect_to_room(room_email)
        room = self.rooms.get(room_email)
        if not room:
            return None
        calendar_items = room.calendar.view(
            start=EWSDateTime.from_datetime(start_time), end=EWSDateTime.from_datetime(end_time)
        )
        events = list(calendar_items)
        is_available = len(events) == 0
        return {
            "room": room_email,
            "is_available": is_available,
            "conflicts": [
                {
                    "subject": item.subject,
                    "start": item.start.isoformat(),
                    "end": item.end.isoformat(),
                    "organizer": item.organizer.email_address if item.organizer else None,
                }
                for item in events
            ]
            if not is_available
            else [],
        }

    def get_all_room_schedules(self, room_emails, date=None):
        if not date:
            date = datetime.now(timezone.utc).date()
        start = datetime.combine(date, datetime.min.time()).replace(tzinfo=timezone.utc)
        end = datetime.combine(date, datetime.max.time()).replace(tzinfo=timezone.utc)
        schedules = {}
        for room_email in room_emails:
            if room_email not in self.rooms:
                self.connect_to_room(room_email)
            room = self.rooms.get(room_email)
            if room:
                events = room.calendar.view(start=EWSDateTime.from_datetime(start), end=EWSDateTime.from_datetime(end))
                schedules[room_email] = [
                    {
                        "subject": item.subject,
                        "start": item.start.isoformat(),
                        "end": item.end.isoformat(),
                        "organizer": item.organizer.email_address if item.organizer else None,
                        "status": item.legacy_free_busy_status,
                    }
                    for item in events
                ]
        return schedules


def epoch(value):
    return int(datetime.fromisoformat(value).timestamp()) if isinstance(value, str) else int(value.timestamp())


def read_board():
    config = Configuration(
        service_endpoint=url,
        credentials=Credentials(user, password),
        auth_type=BASIC,
        version=Version(build=Build(15, 1, 2507, 6)),
    )
    account = Account(user, config=config, autodiscover=False, access_type=DELEGATE, default_timezone=UTC)
    room_addresses = [
        room.email_address
        for room_list in account.protocol.get_roomlists()
        for room in account.protocol.get_rooms(room_list.email_address)
    ]
    board = {}
    if mode == "guide":
        manager = MeetingRoomManager(config)
        free = {room: manager.get_room_availability(room, now, hour_end)["is_available"] for room in room_addresses}
        schedules = manager.get_all_room_schedules(room_addresses, date=day_start.date())
        for room in room_addresses:
            board[room] = (free[room], [(epoch(e["start"]), epoch(e["end"])) for e in schedules[room]])
    elif mode == "batched":
        views = account.protocol.get_free_busy_info(
            accounts=[(room, "Room", False) for room in room_addresses],
            start=EWSDateTime.from_datetime(day_start),
            end=EWSDateTime.from_datetime(day_end),
            requested_view="FreeBusy",
        )
        for room, view in zip(room_addresses, views):
            if isinstance(view, Exception):
                raise view
            events = [e for e in (view.calendar_events or []) if e.busy_type != "Free"]
            # Times in the request's zone (UTC here), as exchangelib returns them (naive).
            spans = [(epoch(e.start.replace(tzinfo=timezone.utc)), epoch(e.end.replace(tzinfo=timezone.utc))) for e in events]
            busy = any(s < epoch(hour_end) and e > epoch(now) for s, e in spans)
            board[room] = (not busy, spans)
    else:
        sys.exit(f"unknown mode {mode}")
    return board


def summarize(board):
    """Sizes and the same two digests as board.mjs's summarize(): schedules, and the free rooms."""
    ordered = sorted(board.items(), key=lambda kv: kv[0].lower())
    schedules = "".join(
        f"{room.lower()} {' '.join(f'{s}-{e}' for s, e in sorted(spans))}\n" for room, (_, spans) in ordered
    )
    free_rooms = "".join(f"{room.lower()}\n" for room, (free, _) in ordered if free)
    return {
        "rooms": len(board),
        "free": sum(1 for free, _ in board.values() if free),
        "events": sum(len(spans) for _, spans in board.values()),
        "schedules": hashlib.sha256(schedules.encode()).hexdigest(),
        "freeRooms": hashlib.sha256(free_rooms.encode()).hexdigest(),
    }


seconds = []
summary = None
for _ in range(passes):
    started = time.perf_counter()
    board = read_board()
    seconds.append(time.perf_counter() - started)
    read = summarize(board)
    if summary is not None and read != summary:
        sys.exit(f"{mode}: a later pass read a different board")
    summary = read
peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, **summary, "baselineMb": baseline_mb, "peakMb": peak_mb}))
