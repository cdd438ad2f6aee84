# exchangelib 4.9.0 side of the services bench: list every item of the canned server's calendar
# (1,000 per page) and print the seconds the listing took (interpreter start-up excluded).
import sys
import time

from exchangelib import BASIC, DELEGATE, Account, Build, Configuration, Credentials, Version

url, expected = sys.argv[1], int(sys.argv[2])
config = Configuration(
    service_endpoint=url,
    credentials=Credentials("bench@example.com", "not-a-secret"),
    auth_type=BASIC,
    version=Version(build=Build(15, 1, 2507, 6)),
)
account = Account("bench@example.com", config=config, autodiscover=False, access_type=DELEGATE)
calendar = account.calendar
started = time.perf_counter()
# exchangelib fetches some of these with GetItem after FindItem (its choice, as on a real server).
query = calendar.all().only("subject", "start", "end", "location", "organizer", "importance")
query.page_size = 1000
count = 0
last = None
for item in query:
    count += 1
    last = item.subject
elapsed = time.perf_counter() - started
if count != expected or last != f"Project sync #{expected - 1}: status, risks & next steps":
    sys.exit(f"exchangelib listed {count} items, last {last!r}")
print(elapsed)
