"""Signs in to @ews/test-server with NTLM from Python: exchangelib 4.9.0 (auth_type NTLM, which uses
requests_ntlm 1.1.0 / ntlm_auth 1.4.0) and requests_ntlm directly (to switch channel binding off).

Usage: /usr/bin/python3 ntlm_peer.py '<json config>'
Config: {"url", "user", "password", "smtp", "now", "sendCbt"}.
ntlm_auth needs MD4: run with OPENSSL_CONF pointing at a config that loads OpenSSL's legacy provider.
The last stdout line is a JSON summary.
"""
import datetime
import json
import sys

import requests
from requests_ntlm import HttpNtlmAuth
from exchangelib import NTLM, DELEGATE, Account, Build, Configuration, Credentials, EWSDateTime, EWSTimeZone, Version

cfg = json.loads(sys.argv[1])
summary = {}

GET_FOLDER = (
    '<?xml version="1.0" encoding="utf-8"?>'
    '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" '
    'xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types" '
    'xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages">'
    '<s:Header><t:RequestServerVersion Version="Exchange2016"/></s:Header><s:Body>'
    '<m:GetFolder><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape></m:FolderShape>'
    '<m:FolderIds><t:DistinguishedFolderId Id="inbox"/></m:FolderIds></m:GetFolder></s:Body></s:Envelope>'
)

# 1. requests_ntlm on one session: the handshake, then plain requests on the authenticated connection.
session = requests.Session()
session.auth = HttpNtlmAuth(cfg['user'], cfg['password'], send_cbt=cfg['sendCbt'])
headers = {'Content-Type': 'text/xml; charset=utf-8'}
first = session.post(cfg['url'], data=GET_FOLDER, headers=headers, timeout=20)
summary['firstStatus'] = first.status_code
summary['firstHistory'] = [r.status_code for r in first.history]
summary['offers'] = first.history[0].headers.get('WWW-Authenticate') if first.history else None
if first.status_code == 200:
    assert 'NoError' in first.text, first.text
    second = session.post(cfg['url'], data=GET_FOLDER, headers=headers, timeout=20)
    summary['secondStatus'] = second.status_code
    summary['secondHistory'] = [r.status_code for r in second.history]
    summary['secondSentAuthorization'] = 'Authorization' in second.request.headers
session.close()

# 2. exchangelib with auth_type NTLM: GetFolder and a calendar view.
if cfg.get('exchangelib'):
    tz = EWSTimeZone('UTC')
    config = Configuration(
        service_endpoint=cfg['url'],
        credentials=Credentials(cfg['user'], cfg['password']),
        auth_type=NTLM,
        version=Version(build=Build(15, 1, 2507, 6)),
        max_connections=1,
    )
    account = Account(
        primary_smtp_address=cfg['smtp'], config=config, access_type=DELEGATE, autodiscover=False, default_timezone=tz,
    )
    account.inbox.refresh()  # GetFolder
    summary['inbox'] = account.inbox.name
    now = datetime.datetime.fromisoformat(cfg['now'].replace('Z', '+00:00'))
    start = EWSDateTime.from_datetime(now - datetime.timedelta(days=14)).astimezone(tz)
    end = EWSDateTime.from_datetime(now + datetime.timedelta(days=14)).astimezone(tz)
    view = list(account.calendar.view(start=start, end=end))
    summary['view'] = len(view)
    summary['standups'] = len([i for i in view if i.subject and i.subject.startswith('Team standup')])
    account.protocol.close()

print(json.dumps(summary))
