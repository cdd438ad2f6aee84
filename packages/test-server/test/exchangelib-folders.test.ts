import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startTestServer } from '../src/index.js';
import { expectPeerSummary, runPeer } from './support/python-peer.js';

const SCRIPT = fileURLToPath(new URL('./exchangelib/folders_peer.py', import.meta.url));

interface Summary {
  walked: number;
  inbox: string;
  calendar: string;
  deletions: string;
  syncIssues: string[];
  publicFolders: string[] | null;
  archiveInbox?: string;
  archiveWalk?: string[];
  archived?: string[];
  archiveLeftInbox?: number;
  publicItems?: string[];
  createdClass: string | null;
  updatedClass: string;
  updatedName: string;
  softDeleted: number;
  softInDrafts: number;
  trashed: number;
  trashNewId: boolean;
  hardAnywhere: number;
}

// exchangelib 4.9.0 (Debian python3-exchangelib) judges the tree, folder updates and deletes from outside.
describe.each([
  {
    culture: 'en-US',
    locale: 'en_US',
    archive: false,
    publicFolders: false,
    inbox: 'Inbox',
    calendar: 'Calendar',
  },
  {
    culture: 'da-DK',
    locale: 'da_DK',
    archive: true,
    publicFolders: true,
    inbox: 'Indbakke',
    calendar: 'Kalender',
  },
])('exchangelib and the folder tree ($culture, archive $archive, public folders $publicFolders)', (setup) => {
  it('walks root, finds the well-known folders, creates/updates folders, soft-deletes and trashes', async () => {
    const errors: unknown[] = [];
    const server = await startTestServer({
      seed: 'empty',
      culture: setup.culture,
      archive: setup.archive,
      publicFolders: setup.publicFolders,
      onInternalError: (e) => errors.push(e),
    });
    try {
      const run = await runPeer(
        { script: SCRIPT },
        {
          args: [
            JSON.stringify({
              url: server.url,
              user: 'alice@contoso.test',
              password: 'Alice-Demo-2016!',
              locale: setup.locale,
              archive: setup.archive,
              publicFolders: setup.publicFolders,
            }),
          ],
          timeoutMs: 120_000,
        },
      );
      const summary = expectPeerSummary<Summary>(run, /Traceback|Error/);
      expect(summary.walked).toBeGreaterThan(40);
      expect(summary.inbox).toBe(setup.inbox);
      expect(summary.calendar).toBe(setup.calendar);
      expect(summary.deletions).toBe('Deletions');
      expect(summary.syncIssues.sort()).toEqual(['Conflicts', 'Local Failures', 'Server Failures']);
      if (setup.publicFolders) expect(summary.publicFolders?.length).toBeGreaterThanOrEqual(3);
      else expect(summary.publicFolders).toBeNull();
      if (setup.archive) {
        expect(summary.archiveInbox).toBe('Inbox');
        expect(summary.archiveWalk).toEqual(
          expect.arrayContaining(['Top of Information Store', 'Deletions']),
        );
        expect(summary.archived).toEqual(['peer archive']);
        expect(summary.archiveLeftInbox).toBe(0);
      }
      if (setup.publicFolders) {
        expect(summary.publicItems).toEqual(['peer public']);
      }
      expect(summary.createdClass).toBeNull();
      expect(summary.updatedClass).toBe('IPF.Note.Peer');
      expect(summary.updatedName).toBe('peer folder renamed');
      expect(summary.softDeleted).toBe(1);
      expect(summary.softInDrafts).toBe(0);
      expect(summary.trashed).toBe(1);
      expect(summary.trashNewId).toBe(true);
      expect(summary.hardAnywhere).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
