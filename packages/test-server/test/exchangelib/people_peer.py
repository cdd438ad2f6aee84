"""People and directory, judged by exchangelib 4.9.0: FindPeople (folder.people(), filtered, sorted,
paged), GetPersona, ResolveNames per search scope with full contact data, ExpandDL.

Usage: /usr/bin/python3 people_peer.py '<json config>'  (config: {"url", "user", "password"})
Every check is an assert; the last stdout line is a JSON summary.
"""
import json
import sys

from exchangelib.properties import DLMailbox
from exchangelib.services import find_people
from peer_account import basic_account

# exchangelib 4.9 writes Traversal="Shallow" on m:FindPeople, which messages.xsd's FindPeopleType does
# not declare (Exchange ignores it; this server refuses schema-invalid requests as Exchange's schema
# check would). The attribute is taken off the payload it built; nothing else of the request changes.
_payload = find_people.FindPeople.get_payload


def _schema_payload(self, *args, **kwargs):
    payload = _payload(self, *args, **kwargs)
    payload.attrib.pop('Traversal', None)
    return payload


find_people.FindPeople.get_payload = _schema_payload

cfg = json.loads(sys.argv[1])
account = basic_account(cfg['url'], cfg['user'], cfg['password'])
summary = {}

# FindPeople over the Contacts folder (exchangelib reads one page: it does not page FindPeople).
names = [p.display_name for p in account.contacts.people()]
assert names == sorted(names), names
summary['contacts'] = names
found = list(account.contacts.people().filter('nora'))
assert [p.display_name for p in found] == ['Nora Nielsen'], found
summary['query'] = found[0].display_name
summary['personaIdShape'] = bool(found[0].id)
ordered = [p.surname for p in account.contacts.people().order_by('-surname')]
assert ordered == sorted(ordered, reverse=True), ordered
summary['sortedDescending'] = ordered[:2]

# ResolveNames: contact data from the directory, contacts only, and none.
resolved = account.protocol.resolve_names(['carol'], return_full_contact_data=True, search_scope='ActiveDirectory')
mailbox, contact = resolved[0]
assert mailbox.email_address == 'carol@contoso.test', mailbox
summary['resolvedTitle'] = contact.job_title
only_contacts = account.protocol.resolve_names(['nora'], search_scope='Contacts')
summary['contactType'] = only_contacts[0].mailbox_type
none = account.protocol.resolve_names(['zzz-nobody'], search_scope='ActiveDirectory')
summary['none'] = [type(n).__name__ for n in none]

# ExpandDL: one level, nested groups come back as PublicDL.
members = account.protocol.expand_dl(DLMailbox(email_address='dl.product@contoso.test', mailbox_type='PublicDL'))
summary['expanded'] = [(m.email_address, m.mailbox_type) for m in members]

print(json.dumps(summary))
