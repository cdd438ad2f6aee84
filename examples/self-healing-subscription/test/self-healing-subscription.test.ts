import { expect, it } from 'vitest';
import { runDemo } from '../src/demo.js';

it('heals a dropped, stalled, ended and expired stream; reports the unrecoverable as gaps; nothing twice', async () => {
  const result = await runDemo(() => {});
  expect(result.created.length).toBe(7);
  // Every item made is delivered once, except those the server lost with a subscription or a connection.
  expect(new Set(result.delivered).size).toBe(result.delivered.length);
  const lost = result.created.filter((id) => !result.delivered.includes(id));
  // The expired subscription and the connection that died with an item in flight: two gaps, two lost.
  expect(result.gaps).toBe(2);
  // Only the item in flight when the connection died is lost (the expired subscription held none).
  expect(lost.length).toBe(1);
  expect(result.reconnects).toBeGreaterThanOrEqual(5);
  const text = result.lines.join('\n');
  for (const reason of ['dropped', 'stalled', 'closed', 'subscription-lost'])
    expect(text).toContain(`reconnected after ${reason}`);
  expect(text).toContain('gap (subscription-lost)');
  expect(text).toContain('gap (events-lost)');
  expect(text).toMatch(/stopped: \d+ events/);
});
