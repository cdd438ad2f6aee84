import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { schemaDir } from '@ews-tools/ews-schema';
import { afterAll, describe, expect, it } from 'vitest';
import { type SnapshotMailbox, startTestServer, type TestServer, type TestServerAuth } from '../src/index.js';
import { withSchemaKnownVersion } from '../src/soap/request-validator.js';
import { NOW } from './support/harness.js';
import { createPeerScratch, expectPeerSummary, PYTHON, runPeer } from './support/python-peer.js';
import { validateAll } from './support/schema-check.js';
import {
  calendarView,
  folderItems,
  isoTime,
  mergedFreeBusy,
  rowTimes,
  type ViewRow,
} from './support/snapshot-views.js';

// Every flow of the seed guide (on-prem-calendar-rooms-guide.md), run by Debian's exchangelib 4.9.0 over
// HTTPS with NTLM and with Basic, plus runs where exchangelib detects the auth type and guesses the
// version itself. Each step's output is compared with the server's own saved state.
const SCRIPT = fileURLToPath(new URL('./exchangelib/guide_flows.py', import.meta.url));
const DAY = 86_400_000;
const ROOMS = ['room.oslo@contoso.test', 'room.paris@contoso.test', 'room.tokyo@contoso.test'];
const COLLEAGUES = ['bob@contoso.test', 'carol@contoso.test', 'dave@contoso.test'];

const scratch = createPeerScratch('ews-test-server-guide-');
afterAll(() => scratch.remove());

type Json = Record<string, unknown>;

const brief = (row: ViewRow) => ({
  subject: row.subject,
  ...rowTimes(row),
  location: row.location ?? null,
  organizer: row.item.calendar?.organizer.address ?? null,
});
const byStartThenSubject = (a: { start: string; subject: string }, b: { start: string; subject: string }) =>
  a.start.localeCompare(b.start) || a.subject.localeCompare(b.subject);
const sorted = <T extends { start: string; subject: string }>(rows: readonly T[]): T[] =>
  [...rows].sort(byStartThenSubject);

/** What Step 2's get_calendar_events must return: every entry of the 30 days, in the guide's shape. */
function expectedCalendarEvents(box: SnapshotMailbox) {
  return calendarView(box, NOW, new Date(NOW.getTime() + 30 * DAY)).map((row) => {
    const { start, end } = rowTimes(row);
    const organizer = row.item.calendar?.organizer;
    return {
      subject: row.subject,
      start: { dateTime: start },
      end: { dateTime: end },
      location: row.location ?? null,
      organizer: { emailAddress: { address: organizer?.address ?? null, name: organizer?.name ?? null } },
      attendees: (row.item.calendar?.requiredAttendees ?? []).map((a) => a.person.address),
      isAllDay: row.item.calendar?.isAllDay ?? false,
      isCancelled: row.item.calendar?.isCancelled ?? false,
      isRecurring: row.item.calendar?.recurrence !== undefined,
      categories: row.item.categories,
    };
  });
}

interface Run {
  readonly name: string;
  readonly auth: readonly TestServerAuth[];
  readonly authType: 'NTLM' | 'BASIC' | null;
  readonly pinVersion: boolean;
  readonly noVerify: boolean;
  readonly expectAuth: string;
}

const RUNS: readonly Run[] = [
  {
    name: 'NTLM',
    auth: ['ntlm', 'basic'],
    authType: 'NTLM',
    pinVersion: true,
    noVerify: false,
    expectAuth: 'NTLM',
  },
  {
    name: 'Basic',
    auth: ['ntlm', 'basic'],
    authType: 'BASIC',
    pinVersion: true,
    noVerify: false,
    expectAuth: 'basic',
  },
  {
    name: 'auth detected (NTLM offered) and version guessed, NoVerifyHTTPAdapter as in the guide',
    auth: ['ntlm', 'basic'],
    authType: null,
    pinVersion: false,
    noVerify: true,
    expectAuth: 'NTLM',
  },
  {
    name: 'auth detected (Basic only) and version guessed',
    auth: ['basic'],
    authType: null,
    pinVersion: false,
    noVerify: false,
    expectAuth: 'basic',
  },
];

describe.each(RUNS)('the seed guide with exchangelib 4.9.0 over HTTPS: $name', (run) => {
  let server: TestServer;
  const errors: unknown[] = [];
  const recordDir = mkdtempSync(join(scratch.dir, 'record-'));
  // The CA the peer trusts: written once the server has its certificate.
  let trust: { REQUESTS_CA_BUNDLE: string };
  const peerConfig = (phase: 'read' | 'write') => ({
    server: new URL(server.url).host,
    domain: 'CONTOSO',
    user: 'alice@contoso.test',
    userPassword: 'Alice-Demo-2016!',
    service: 'ews.service@contoso.test',
    servicePassword: 'Service-Demo-2016!',
    rooms: ROOMS,
    colleagues: COLLEAGUES,
    colleaguePasswords: Object.fromEntries(
      COLLEAGUES.map((c) => [c, server.mailboxes.find((m) => m.address === c)?.password ?? '']),
    ),
    now: NOW.toISOString(),
    authType: run.authType,
    pinVersion: run.pinVersion,
    noVerify: run.noVerify,
    phase,
  });
  async function peer(phase: 'read' | 'write'): Promise<Json> {
    expect(existsSync(PYTHON)).toBe(true);
    const result = await runPeer(
      { script: SCRIPT },
      {
        args: [JSON.stringify(peerConfig(phase))],
        // ntlm_auth hashes with MD4, which OpenSSL 3 keeps in its legacy provider.
        env: { ...scratch.opensslLegacy(), ...trust },
        timeoutMs: 60_000,
      },
    );
    return expectPeerSummary<Json>(result, /Traceback|Error|error/);
  }

  afterAll(async () => {
    await server?.close();
    // Every request exchangelib sent and every response it got must satisfy the EWS schema.
    const files = readdirSync(recordDir).sort();
    const recorded = files.map((name) => ({ name, xml: readFileSync(join(recordDir, name), 'utf8') }));
    // Guessing, exchangelib first asks for "Exchange2019", a value the EWS schema does not list: the
    // server must refuse it with ErrorInvalidServerVersion (what makes exchangelib step down); the rest
    // of such a request must still be valid.
    const probes = recorded.filter(
      (r) => r.name.endsWith('-request.xml') && /Version="Exchange2019"/.test(r.xml),
    );
    expect(probes.length > 0).toBe(!run.pinVersion);
    for (const probe of probes) {
      const response = recorded.find((r) => r.name === probe.name.replace('-request.xml', '-response.xml'));
      expect(response?.xml).toContain('ErrorInvalidServerVersion');
    }
    const verdicts = await validateAll(
      recorded.map((r) => (probes.includes(r) ? { ...r, xml: withSchemaKnownVersion(r.xml) } : r)),
    );
    rmSync(recordDir, { recursive: true, force: true });
    expect(files.filter((f) => f.endsWith('-response.xml')).length).toBeGreaterThan(10);
    expect(verdicts.filter((v) => !v.valid).map((v) => `${v.name}: ${v.errors}`)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('Steps 1-2, room availability and free/busy, Step 4 impersonation, Step 5 errors, testing and performance queries', async () => {
    server = await startTestServer({
      tls: true,
      auth: run.auth,
      // Extended Protection as hardened Exchange servers have it: requests_ntlm's channel binding must match.
      ntlm: { channelBinding: 'required' },
      now: () => NOW,
      record: recordDir,
      validateRequests: { schemaDir },
      onInternalError: (e) => errors.push(e),
    });
    trust = scratch.trust(server.tls?.ca ?? '');
    const out = await peer('read');
    const state = server.snapshot();
    const alice = state.mailbox('alice@contoso.test');

    expect(out.step1).toEqual({
      connected: 'alice@contoso.test',
      authType: run.expectAuth,
      build: '15.1.2507.6',
      apiVersion: 'Exchange2016',
    });
    const step2 = out.step2 as ReturnType<typeof expectedCalendarEvents>;
    const expected2 = expectedCalendarEvents(alice);
    expect(expected2.length).toBeGreaterThan(10);
    const key = (e: { subject: string; start: { dateTime: string } }) => ({ ...e, start: e.start.dateTime });
    expect(sorted(step2.map(key))).toEqual(sorted(expected2.map(key)));

    const slotStart = new Date(NOW.getTime() + 3_600_000);
    const slotEnd = new Date(slotStart.getTime() + 2 * 3_600_000);
    expect(out.availability).toEqual(
      ROOMS.map((room) => {
        const conflicts = calendarView(state.mailbox(room), slotStart, slotEnd).map(brief);
        return { room, is_available: conflicts.length === 0, conflicts };
      }),
    );
    expect((out.availability as { conflicts: unknown[] }[]).some((a) => a.conflicts.length > 0)).toBe(true);
    const dayStart = new Date(NOW.getTime() - 4 * 3_600_000); // 08:00 UTC
    const freeBusy = Object.fromEntries(
      ROOMS.map((room) => [
        room,
        mergedFreeBusy(state.mailbox(room), dayStart, new Date(dayStart.getTime() + 10 * 3_600_000), 30),
      ]),
    );
    expect(Object.values(freeBusy).some((digits) => /[12]/.test(digits))).toBe(true);
    expect(out.freeBusy).toEqual(freeBusy);

    const weekEnd = new Date(NOW.getTime() + 7 * DAY);
    const step4 = out.step4 as Record<string, unknown>;
    for (const user of ['alice@contoso.test', ...COLLEAGUES, ROOMS[0] ?? '']) {
      expect(sorted(step4[user] as ReturnType<typeof brief>[])).toEqual(
        sorted(calendarView(state.mailbox(user), NOW, weekEnd).map(brief)),
      );
    }
    expect((step4['bob@contoso.test'] as unknown[]).length).toBeGreaterThan(3);
    expect(step4['nobody@contoso.test']).toEqual({ error: 'ErrorNonExistentMailbox' });

    expect(out.step5AccessDenied).toBe(true);
    expect(sorted(out.step5Events as ReturnType<typeof brief>[])).toEqual(
      sorted(calendarView(state.mailbox(ROOMS[1] ?? ''), NOW, new Date(NOW.getTime() + 30 * DAY)).map(brief)),
    );

    expect(out.testing).toEqual({
      calendarName: 'Calendar',
      calendarTotal: folderItems(alice, 'calendar').length,
    });
    const standups = folderItems(alice, 'calendar')
      .filter((i) => i.subject.includes('Team standup'))
      .sort((a, b) => (b.calendar?.start.getTime() ?? 0) - (a.calendar?.start.getTime() ?? 0))
      .map((i) => ({
        subject: i.subject,
        start: isoTime(i.calendar?.start ?? new Date(0)),
        end: isoTime(i.calendar?.end ?? new Date(0)),
        location: i.calendar?.location ?? null,
        organizer: null,
      }));
    expect(standups.length).toBeGreaterThan(0);
    expect(out.optimized).toEqual(standups);
    expect(out.optimizedCount).toBe(standups.length);
    expect(out.inboxUnread).toBe(
      folderItems(alice, 'inbox').filter((i) => i.message?.isRead === false).length,
    );
  }, 120_000); // a python run may take up to its own 60 s limit on a loaded 2-core machine

  it('Step 3 bookings (room with attendees; invitations answered by colleagues), bulk_create and room schedules for a day', async () => {
    const out = await peer('write');
    const state = server.snapshot();
    const oslo = state.mailbox(ROOMS[0] ?? '');
    const booking = oslo.items.find((i) => i.id === out.booking);
    expect(booking?.subject).toBe('Project Review Meeting');
    expect(booking?.body).toBe('Quarterly project review and planning session');
    expect(booking?.calendar?.location).toBe(ROOMS[0]);
    expect(booking?.calendar?.requiredAttendees.map((a) => a.person.address)).toEqual([
      'alice@contoso.test',
      ...COLLEAGUES.slice(0, 2),
    ]);
    expect(isoTime(booking?.calendar?.start ?? new Date(0))).toBe('2026-03-11T16:00:00Z');

    const alice = state.mailbox('alice@contoso.test');
    const invitation = alice.items.find((i) => i.id === out.invitation);
    const responses = Object.fromEntries(
      (invitation?.calendar?.requiredAttendees ?? []).map((a) => [a.person.address, a.responseType]),
    );
    expect(responses).toEqual({ 'bob@contoso.test': 'Accept', 'carol@contoso.test': 'Decline' });
    expect(out.responses).toEqual(responses);
    const room = invitation?.calendar?.resources[0];
    expect(out.roomResponse).toEqual({ [room?.person.address ?? '']: room?.responseType });
    expect(room?.responseType).toMatch(/^(Accept|Decline)$/);
    const aliceInbox = folderItems(alice, 'inbox').filter((i) => i.kind === 'MeetingResponse');
    expect(aliceInbox.map((i) => [i.subject, i.itemClass, i.body]).sort()).toEqual([
      ['Accepted: Guide invitation', 'IPM.Schedule.Meeting.Resp.Pos', 'accept from bob@contoso.test'],
      ['Declined: Guide invitation', 'IPM.Schedule.Meeting.Resp.Neg', 'decline from carol@contoso.test'],
    ]);
    const bobEntry = folderItems(state.mailbox('bob@contoso.test'), 'calendar').find(
      (i) => i.calendar?.uid === invitation?.calendar?.uid,
    );
    expect(bobEntry?.calendar?.myResponseType).toBe('Accept');
    expect(
      folderItems(state.mailbox('carol@contoso.test'), 'calendar').some(
        (i) => i.calendar?.uid === invitation?.calendar?.uid,
      ),
    ).toBe(false);

    const bulk = out.bulk as string[];
    expect(bulk.map((id) => alice.items.find((i) => i.id === id)?.subject)).toEqual([
      'Bulk event 0',
      'Bulk event 1',
      'Bulk event 2',
    ]);

    const day = new Date(`${NOW.toISOString().slice(0, 10)}T00:00:00Z`);
    const schedules = out.schedules as Record<string, ReturnType<typeof brief>[]>;
    for (const roomAddress of ROOMS) {
      const rows = calendarView(state.mailbox(roomAddress), day, new Date(day.getTime() + DAY - 1));
      expect(sorted(schedules[roomAddress] ?? [])).toEqual(
        sorted(rows.map((row) => ({ ...brief(row), status: row.freeBusy }))),
      );
    }
    expect(schedules[ROOMS[0] ?? '']?.map((e) => e.subject)).toContain('Project Review Meeting');
  }, 120_000); // a python run may take up to its own 60 s limit on a loaded 2-core machine
});
