import { describe, expect, it } from 'vitest';
import { EwsTimeoutError } from '../../src/errors/error-classes.js';
import { EwsError } from '../../src/errors/ews-error.js';
import { abortableSleep, errorForAbortedSignal } from '../../src/retry/abortable-sleep.js';

const timers = () => process.getActiveResourcesInfo().filter((name) => name === 'Timeout').length;

describe('abortableSleep', () => {
  it('resolves after the time has passed', async () => {
    const controller = new AbortController();
    await expect(abortableSleep(5, controller.signal)).resolves.toBeUndefined();
  });

  it('rejects the moment the signal aborts, clearing its timer', async () => {
    const before = timers();
    const controller = new AbortController();
    const pending = abortableSleep(600_000, controller.signal);
    expect(timers()).toBe(before + 1);
    controller.abort(new Error('user cancelled'));
    const error = await pending.catch((e: unknown) => e);
    expect(EwsError.isInstance(error) && error.code).toBe('EWS_ABORTED');
    expect(timers()).toBe(before);
  });

  it('rejects at once for an already aborted signal, without a timer', async () => {
    const before = timers();
    const pending = abortableSleep(600_000, AbortSignal.abort());
    expect(timers()).toBe(before);
    await expect(pending).rejects.toMatchObject({ code: 'EWS_ABORTED' });
  });
});

describe('errorForAbortedSignal', () => {
  it('keeps a deadline a timeout, with its duration', () => {
    const controller = new AbortController();
    controller.abort(new EwsTimeoutError('The call did not finish within 250 ms', { timeoutMs: 250 }));
    const error = errorForAbortedSignal(controller.signal, {
      operation: 'FindItem',
      requestFate: 'not-executed',
    });
    expect(error).toBeInstanceOf(EwsTimeoutError);
    expect(error).toMatchObject({
      code: 'EWS_TIMEOUT',
      timeoutMs: 250,
      operation: 'FindItem',
      requestFate: 'not-executed',
    });
  });

  it("makes anything else the caller's abort, with the reason as cause", () => {
    const controller = new AbortController();
    const reason = new Error('navigated away');
    controller.abort(reason);
    const error = errorForAbortedSignal(controller.signal, { operation: 'GetItem' });
    expect(error).toMatchObject({ code: 'EWS_ABORTED', operation: 'GetItem', cause: reason });
    expect(error.message).toMatch(/GetItem was aborted/);
  });
});
