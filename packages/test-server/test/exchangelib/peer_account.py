"""The account every exchangelib peer signs in with: Basic auth against the test server, pinned to
Exchange 2016's build so exchangelib does not probe versions, no autodiscover, delegate access."""
from exchangelib import BASIC, DELEGATE, Account, Build, Configuration, Credentials, EWSTimeZone, Version


def basic_account(url, user, password, tz=None, max_connections=1, **account_options):
    config = Configuration(
        service_endpoint=url,
        credentials=Credentials(user, password),
        auth_type=BASIC,
        version=Version(build=Build(15, 1, 2507, 6)),
        max_connections=max_connections,
    )
    return Account(
        primary_smtp_address=user, config=config, access_type=DELEGATE, autodiscover=False,
        default_timezone=tz or EWSTimeZone('UTC'), **account_options,
    )
