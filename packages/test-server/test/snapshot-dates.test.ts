import { describe, expect, it } from 'vitest';
import { startTestServer } from '../src/index.js';

describe('snapshot() dates', () => {
  it("are copies: changing one with setTime changes neither the server's clock nor its items", async () => {
    const clock = new Date('2026-03-11T12:00:00Z');
    const server = await startTestServer({ seed: 'demo', now: () => clock });
    try {
      const taken = server.snapshot();
      expect(Object.isFrozen(taken)).toBe(true);
      expect(taken.takenAt).not.toBe(clock);
      // Object.freeze does not reach a Date's time value: this works, and must stay local to the snapshot.
      taken.takenAt.setTime(0);
      expect(clock.toISOString()).toBe('2026-03-11T12:00:00.000Z');
      const item = taken.mailboxes.flatMap((m) => m.items).find((i) => i.kind === 'Message');
      expect(item).toBeDefined();
      const created = item?.dateTimeCreated.getTime();
      item?.dateTimeCreated.setTime(0);

      const again = server.snapshot();
      expect(again.takenAt.toISOString()).toBe('2026-03-11T12:00:00.000Z');
      const same = again.mailboxes.flatMap((m) => m.items).find((i) => i.id === item?.id);
      expect(same?.dateTimeCreated.getTime()).toBe(created);
    } finally {
      await server.close();
    }
  });
});
