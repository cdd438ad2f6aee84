"""exchangelib 4.9.0 (Debian python3-exchangelib) against @ews/test-server's folder tree and deletes.

Usage: /usr/bin/python3 folders_peer.py '<json config>'
Config: {"url", "user", "password", "locale", "archive", "publicFolders"}.
Every check is an assert; the last stdout line is a JSON summary the vitest test checks too.
"""
import json
import sys

from exchangelib import Message
from exchangelib.errors import ErrorFolderNotFound
from exchangelib.folders import Folder
from peer_account import basic_account

cfg = json.loads(sys.argv[1])
account = basic_account(cfg['url'], cfg['user'], cfg['password'], locale=cfg['locale'])
summary = {}

# The tree: exchangelib walks it from root and finds the well-known folders by distinguished id.
assert account.root.name == 'root', account.root.name
walked = list(account.root.walk())
summary['walked'] = len(walked)
summary['inbox'] = account.inbox.name
summary['calendar'] = account.calendar.name
summary['deletions'] = account.recoverable_items_deletions.name
summary['syncIssues'] = [f.name for f in account.root.get_default_folder(
    __import__('exchangelib.folders', fromlist=['SyncIssues']).SyncIssues).children]

# Public folders: none configured → exchangelib's missing-folder error; configured → their children.
if cfg['publicFolders']:
    summary['publicFolders'] = sorted(f.name for f in account.public_folders_root.children)
else:
    try:
        account.public_folders_root
        raise AssertionError('public folders root without public folders')
    except ErrorFolderNotFound:
        summary['publicFolders'] = None

if cfg['archive']:
    summary['archiveInbox'] = account.archive_inbox.name
    summary['archiveWalk'] = sorted(f.name for f in account.archive_root.walk())
    # ArchiveItem (item.archive): the item leaves the Inbox and is read from the archive Inbox.
    kept = Message(account=account, folder=account.inbox, subject='peer archive')
    kept.save()
    kept.archive(to_folder=account.archive_inbox)
    summary['archived'] = [m.subject for m in account.archive_inbox.filter(subject='peer archive')]
    summary['archiveLeftInbox'] = account.inbox.filter(subject='peer archive').count()

if cfg['publicFolders']:
    # An item saved in a public folder and found there again (exchangelib walks public folders
    # one level at a time: Exchange refuses Deep traversal there).
    announcements = account.public_folders_root / 'Announcements'
    Message(account=account, folder=announcements, subject='peer public').save()
    summary['publicItems'] = [m.subject for m in announcements.filter(subject='peer public')]

# A folder created without a class keeps none; Folder.save() updates its class and name.
folder = Folder(parent=account.inbox, name='peer folder')
folder.save()
fetched = account.inbox / 'peer folder'
summary['createdClass'] = fetched.folder_class
fetched.folder_class = 'IPF.Note.Peer'
fetched.name = 'peer folder renamed'
fetched.save(update_fields=['folder_class', 'name'])
account.root.clear_cache()
again = account.inbox / 'peer folder renamed'
again.refresh()
summary['updatedClass'] = again.folder_class
summary['updatedName'] = again.name
again.delete()

# Deletes: soft delete lands in Recoverable Items\Deletions; move to trash gets a new id there.
soft = Message(account=account, folder=account.drafts, subject='peer soft delete')
soft.save()
soft.soft_delete()
summary['softDeleted'] = account.recoverable_items_deletions.filter(subject='peer soft delete').count()
summary['softInDrafts'] = account.drafts.filter(subject='peer soft delete').count()
trash = Message(account=account, folder=account.drafts, subject='peer trash')
trash.save()
old_id = trash.id
trash.move_to_trash()
in_trash = list(account.trash.filter(subject='peer trash'))
summary['trashed'] = len(in_trash)
summary['trashNewId'] = len(in_trash) == 1 and in_trash[0].id != old_id
hard = Message(account=account, folder=account.drafts, subject='peer hard delete')
hard.save()
hard.delete()
summary['hardAnywhere'] = sum(
    f.filter(subject='peer hard delete').count()
    for f in (account.drafts, account.trash, account.recoverable_items_deletions)
)

print(json.dumps(summary))
