"""exchangelib 4.9.0's user configuration calls against @ews/test-server.

Usage: /usr/bin/python3 user_configuration_peer.py '<json config>'  Config: {"url", "user", "password"}.
Prints a JSON summary as its last line: what exchangelib read back and which errors it got.
"""
import json
import sys

from exchangelib.errors import ErrorItemNotFound, ErrorItemSave
from peer_account import basic_account

cfg = json.loads(sys.argv[1])
account = basic_account(cfg['url'], cfg['user'], cfg['password'])
folder = account.root
summary = {}

try:
    folder.get_user_configuration('Peer.Settings')
    summary['missing'] = 'found'
except ErrorItemNotFound:
    summary['missing'] = 'ErrorItemNotFound'

folder.create_user_configuration(
    name='Peer.Settings',
    dictionary={'text': 'hello', 'count': 42, 'on': True, 'bytes': b'\x00\x01'},
    xml_data=b'<peer/>',
    binary_data=b'\x09\x08',
)
try:
    folder.create_user_configuration(name='Peer.Settings')
    summary['duplicate'] = 'created'
except ErrorItemSave:
    summary['duplicate'] = 'ErrorItemSave'

read = folder.get_user_configuration('Peer.Settings')
summary['name'] = read.user_configuration_name.name
summary['hasId'] = read.id is not None
summary['dictionary'] = {k: (v.hex() if isinstance(v, bytes) else v) for k, v in read.dictionary.items()}
summary['xml'] = read.xml_data.decode()
summary['binary'] = read.binary_data.hex()

folder.update_user_configuration(name='Peer.Settings', dictionary={'count': 43})
summary['updated'] = folder.get_user_configuration('Peer.Settings').dictionary
folder.delete_user_configuration('Peer.Settings')
try:
    folder.get_user_configuration('Peer.Settings')
    summary['deleted'] = 'found'
except ErrorItemNotFound:
    summary['deleted'] = 'ErrorItemNotFound'

print(json.dumps(summary))
