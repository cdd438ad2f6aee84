// The J4 room-board benchmark's code (bench/room-board.bench.mjs and bench/room-board/*) works and
// counts requests correctly: each contender reads a tiny board (3 lists of 4 rooms, no added
// latency) once. Timing is not asserted here: benchmarks report, they do not fail on speed.
import { execFile, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createBasicAuth, EwsClient } from '@ews/core';
import { startTestServer, type TestServer } from '@ews/test-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BoardSummary, boardWindows, summarize } from '../bench/room-board/board.mjs';
import { roomBoard as naiveBoard } from '../bench/room-board/ews-naive.mjs';
import { roomBoard as recommendedBoard } from '../bench/room-board/ews-recommended.mjs';
import { Account } from '../src/index.js';

const LISTS = 3;
const ROOMS_PER_LIST = 4;
const ROOMS = LISTS * ROOMS_PER_LIST;
const USER = 'ews.service@contoso.test';
const PASSWORD = 'Service-Demo-2016!';
const PYTHON = '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('../bench/room-board/exchangelib_room_board.py', import.meta.url));
const SERVER_PROCESS = fileURLToPath(new URL('../bench/room-board/server-process.mjs', import.meta.url));
// The server's today at 12:00 UTC, inside the seeded day.
const NOW = new Date(`${new Date().toISOString().slice(0, 10)}T12:00:00Z`);

describe('J4 room board bench: every contender reads the same tiny board, requests counted', () => {
  let server: TestServer;
  let counts: Record<string, number> = {};
  const take = () => {
    const taken = counts;
    counts = {};
    return taken;
  };
  beforeAll(async () => {
    server = await startTestServer({
      seed: 'empty',
      rooms: { lists: LISTS, roomsPerList: ROOMS_PER_LIST },
      onRequest: ({ operation = 'unknown' }) => {
        counts[operation] = (counts[operation] ?? 0) + 1;
      },
    });
  });
  afterAll(() => server.close());

  async function ews(board: typeof recommendedBoard): Promise<BoardSummary> {
    const client = new EwsClient({
      url: server.url,
      auth: createBasicAuth({ username: USER, password: PASSWORD }),
      allowInsecureHttp: true,
    });
    try {
      const account = new Account({ primarySmtpAddress: USER, client, accessType: 'delegate' });
      return summarize(await board(account, boardWindows(NOW)));
    } finally {
      await client.close();
    }
  }

  async function exchangelib(mode: 'guide' | 'batched'): Promise<BoardSummary> {
    const { stdout } = await promisify(execFile)(
      PYTHON,
      [SCRIPT, mode, server.url, USER, PASSWORD, NOW.toISOString(), '1'],
      { timeout: 60_000 },
    );
    const result = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as BoardSummary & {
      seconds: number[];
    };
    expect(result.seconds).toHaveLength(1);
    return result;
  }

  let reference: BoardSummary;

  it('(a) @ews recommended: the room lists, their rooms, one GetUserAvailability per 100 rooms', async () => {
    reference = await ews(recommendedBoard);
    expect(take()).toEqual({ GetRoomLists: 1, GetRooms: LISTS, GetUserAvailabilityRequest: 1 });
    expect(reference.rooms).toBe(ROOMS);
    // The seed's day: bookings in every room list, some rooms free at noon and some not.
    expect(reference.events).toBeGreaterThan(ROOMS);
    expect(reference.free).toBeGreaterThan(0);
    expect(reference.free).toBeLessThan(ROOMS);
  });

  it('(b) @ews naive: one GetUserAvailability per room, the same board', async () => {
    expect(await ews(naiveBoard)).toEqual(reference);
    expect(take()).toEqual({ GetRoomLists: 1, GetRooms: LISTS, GetUserAvailabilityRequest: ROOMS });
  });

  it("(d) exchangelib's get_free_busy_info: GetServerTimeZones and one GetUserAvailability, the same board", async () => {
    expect(await exchangelib('batched')).toMatchObject(reference);
    expect(take()).toEqual({
      GetRoomLists: 1,
      GetRooms: LISTS,
      GetServerTimeZones: 1,
      GetUserAvailabilityRequest: 1,
    });
  }, 60_000);

  it('(c) exchangelib as the guide writes it: two calendar views per room, the same schedules', async () => {
    const guide = await exchangelib('guide');
    // Its free hour may differ (a CalendarView also returns a meeting ending exactly at now).
    expect({ ...guide, free: 0, freeRooms: '' }).toMatchObject({ ...reference, free: 0, freeRooms: '' });
    const sent = take();
    expect(sent).toMatchObject({
      GetRoomLists: 1,
      GetRooms: LISTS,
      GetFolder: 2 * ROOMS,
      FindItem: 2 * ROOMS,
    });
    expect(sent.GetUserAvailabilityRequest).toBeUndefined();
  }, 60_000);

  it("the bench's server process counts each contender's requests by operation", async () => {
    const child = spawn(process.execPath, [SERVER_PROCESS, String(LISTS), String(ROOMS_PER_LIST), '0'], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    try {
      const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
      const url = (await lines.next()).value as string;
      const client = new EwsClient({
        url,
        auth: createBasicAuth({ username: USER, password: PASSWORD }),
        allowInsecureHttp: true,
      });
      const account = new Account({ primarySmtpAddress: USER, client, accessType: 'delegate' });
      const board = summarize(await recommendedBoard(account, boardWindows(NOW)));
      await client.close();
      expect(board).toEqual(reference);
      child.stdin.write('counts\n');
      expect(JSON.parse((await lines.next()).value as string)).toEqual({
        GetRoomLists: 1,
        GetRooms: LISTS,
        GetUserAvailability: 1,
      });
      // Counted again from zero.
      child.stdin.write('counts\n');
      expect(JSON.parse((await lines.next()).value as string)).toEqual({});
    } finally {
      child.stdin.end();
    }
  });
});
