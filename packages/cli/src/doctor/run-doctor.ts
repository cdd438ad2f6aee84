import { deadlineMs, EwsInvalidArgumentError, raceAbort } from '@ews/core';
import { createContext, type DoctorContext } from './context.js';
import { systemResolver } from './resolver.js';
import type { StepOutcome, StepRun } from './step-outcome.js';
import { describeError } from './step-outcome.js';
import { authSchemesStep } from './steps/auth-schemes.js';
import { autodiscoverStep } from './steps/autodiscover.js';
import { dnsStep } from './steps/dns.js';
import {
  channelBindingStep,
  impersonationStep,
  mailboxStep,
  roomListsStep,
  serverVersionStep,
  signInStep,
  throttlingStep,
} from './steps/ews-steps.js';
import { srvStep } from './steps/srv.js';
import { tcpStep } from './steps/tcp.js';
import { tlsStep } from './steps/tls.js';
import type { DoctorOptions, DoctorReport, DoctorStep, DoctorStepName } from './types.js';

const DEFAULT_STEP_TIMEOUT_MS = 15_000;
/** Autodiscover walks several hosts, each with its own deadline: the step gets a few of them. */
const AUTODISCOVER_STEPS = 4;

interface StepDefinition {
  readonly name: DoctorStepName;
  readonly run: StepRun;
  /** Runs even after a fatal failure (it only reads what the others found). */
  readonly always?: boolean;
  /**
   * What it finds informs, but nothing after it depends on it: a timeout or an unexpected error
   * is a warning, and it never stops the run (the SRV record; Autodiscover reports its own use of it).
   */
  readonly informational?: boolean;
}

/** The steps in order; a table, so the order and the names live in one place. */
const STEPS: readonly StepDefinition[] = [
  { name: 'autodiscover-srv', run: srvStep, always: true, informational: true },
  { name: 'autodiscover', run: autodiscoverStep },
  { name: 'dns', run: dnsStep },
  { name: 'tcp', run: tcpStep },
  { name: 'tls', run: tlsStep },
  { name: 'auth-schemes', run: authSchemesStep },
  { name: 'channel-binding', run: channelBindingStep },
  { name: 'sign-in', run: signInStep },
  { name: 'server-version', run: serverVersionStep },
  { name: 'mailbox', run: mailboxStep },
  { name: 'impersonation', run: impersonationStep },
  { name: 'room-lists', run: roomListsStep },
  { name: 'throttling', run: throttlingStep, always: true },
];

/**
 * Diagnoses the connection to a mailbox step by step, yielding each step as it finishes. Steps
 * after a fatal failure are yielded as `skip` with the reason. Every step's I/O ends with
 * `options.signal` or the step's deadline; the password never appears in what is yielded.
 */
export function runDoctor(options: DoctorOptions): AsyncGenerator<DoctorStep, void, undefined> {
  return stepsOf(contextFor(options));
}

/** Runs every step and returns the whole report (what `--json` prints). */
export async function diagnose(options: DoctorOptions): Promise<DoctorReport> {
  const context = contextFor(options);
  const steps: DoctorStep[] = [];
  for await (const step of stepsOf(context)) steps.push(step);
  return {
    email: options.email,
    ewsUrl: context.ewsUrl?.href,
    ok: steps.every((s) => s.status !== 'fail'),
    steps,
  };
}

function contextFor(options: DoctorOptions): DoctorContext {
  const checked = checkOptions(options);
  const context = createContext(checked, checked.resolver ?? systemResolver());
  if (checked.server !== undefined) context.ewsUrl = ewsUrlOf(checked.server);
  return context;
}

async function* stepsOf(context: DoctorContext): AsyncGenerator<DoctorStep, void, undefined> {
  const checked = context.options;
  const redact = secretRedactor(context);
  const stepTimeoutMs = checked.stepTimeoutMs ?? DEFAULT_STEP_TIMEOUT_MS;
  let stopped: string | undefined;
  try {
    for (const step of STEPS) {
      if (stopped !== undefined && !step.always) {
        yield { name: step.name, status: 'skip', ms: 0, detail: `skipped: ${stopped}` };
        continue;
      }
      const timeoutMs = step.name === 'autodiscover' ? stepTimeoutMs * AUTODISCOVER_STEPS : stepTimeoutMs;
      const started = performance.now();
      const ran = await runStep(step, context, timeoutMs, checked.signal);
      const outcome =
        step.informational && ran.status === 'fail'
          ? { ...ran, status: 'warn' as const, stops: undefined }
          : ran;
      const ms = Math.round(performance.now() - started);
      if (outcome.stops !== undefined && stopped === undefined) stopped = outcome.stops;
      yield redact({
        name: step.name,
        status: outcome.status,
        ms,
        detail: outcome.detail,
        ...(outcome.advice === undefined ? {} : { advice: outcome.advice }),
        ...(outcome.lines === undefined || outcome.lines.length === 0 ? {} : { lines: outcome.lines }),
      });
    }
  } finally {
    await Promise.allSettled(context.clients.map((client) => client.close()));
  }
}

async function runStep(
  step: StepDefinition,
  context: DoctorContext,
  timeoutMs: number,
  outer: AbortSignal | undefined,
): Promise<StepOutcome> {
  outer?.throwIfAborted();
  const deadline = AbortSignal.timeout(timeoutMs);
  const signal = outer === undefined ? deadline : AbortSignal.any([outer, deadline]);
  try {
    // Raced, so a step whose callee ignores the signal (a resolver of the caller's) still ends on time.
    return await raceAbort(step.run(context, signal), signal);
  } catch (error) {
    // The caller's cancellation ends the run; a step's own deadline is that step's failure.
    if (outer?.aborted) throw outer.reason;
    if (deadline.aborted) {
      return {
        status: 'fail',
        detail: `no answer within ${timeoutMs} ms`,
        advice:
          'The server or something in between does not answer: check firewalls and proxies, or raise --timeout.',
        stops: `${step.name} timed out`,
      };
    }
    return {
      status: 'fail',
      detail: describeError(error),
      advice: 'An unexpected error; run again, and report it if it stays.',
      stops: `${step.name} failed`,
    };
  }
}

/** Refuses what cannot be diagnosed (not an address, a bad URL or timeout) with EWS_INVALID_ARGUMENT. */
export function checkOptions(options: DoctorOptions): DoctorOptions {
  const at = options.email.lastIndexOf('@');
  if (at <= 0 || at === options.email.length - 1) {
    throw new EwsInvalidArgumentError(`doctor: '${options.email.slice(0, 100)}' is not an e-mail address`);
  }
  if (options.stepTimeoutMs !== undefined) deadlineMs('stepTimeoutMs', options.stepTimeoutMs);
  if (options.server !== undefined) ewsUrlOf(options.server);
  return options;
}

/** `--server` as given: a full URL, or a host (then https://HOST/EWS/Exchange.asmx). */
export function ewsUrlOf(server: string): URL {
  const text = /^[a-z][a-z0-9+.-]*:\/\//i.test(server) ? server : `https://${server}/EWS/Exchange.asmx`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new EwsInvalidArgumentError(`doctor: --server '${server.slice(0, 200)}' is not a URL or host name`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new EwsInvalidArgumentError(`doctor: --server must be an http(s) URL, got ${url.protocol}`);
  }
  if (url.pathname === '/' && !server.endsWith('/')) url.pathname = '/EWS/Exchange.asmx';
  url.username = '';
  url.password = '';
  return url;
}

/**
 * The single choke point for secrets: whatever a step wrote (server text, error messages), the
 * password and the Basic token made of it are masked before a step leaves the run.
 */
function secretRedactor(context: DoctorContext): (step: DoctorStep) => DoctorStep {
  const password = context.options.password;
  if (password === undefined || password === '') return (step) => step;
  const secrets = [password, Buffer.from(`${context.user}:${password}`).toString('base64')];
  const mask = (text: string) => secrets.reduce((out, secret) => out.split(secret).join('***'), text);
  return (step) => ({
    ...step,
    detail: mask(step.detail),
    ...(step.advice === undefined ? {} : { advice: mask(step.advice) }),
    ...(step.lines === undefined ? {} : { lines: step.lines.map(mask) }),
  });
}
