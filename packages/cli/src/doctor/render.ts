import pc from 'picocolors';
import type { DoctorReport, DoctorStatus, DoctorStep } from './types.js';

export interface RenderOptions {
  /** ANSI colours (default off: tests and pipes get plain text). */
  readonly color?: boolean | undefined;
}

const MARK: Readonly<Record<DoctorStatus, string>> = { pass: '✓', fail: '✗', warn: '!', skip: '-' };
const NAME_WIDTH = 17;

/** One step as a person reads it: mark, name, what was found, time; then its lines and what to do. */
export function renderStep(step: DoctorStep, options: RenderOptions = {}): string {
  const c = pc.createColors(options.color ?? false);
  const paint = { pass: c.green, fail: c.red, warn: c.yellow, skip: c.dim }[step.status];
  const time = step.status === 'skip' ? '' : c.dim(` (${step.ms} ms)`);
  const out = [`${paint(MARK[step.status])} ${step.name.padEnd(NAME_WIDTH)}${step.detail}${time}`];
  const indent = ' '.repeat(NAME_WIDTH + 2);
  for (const line of step.lines ?? []) out.push(c.dim(`${indent}${line}`));
  if (step.advice !== undefined && (step.status === 'fail' || step.status === 'warn')) {
    out.push(`${indent}${paint('→')} ${step.advice}`);
  }
  return out.join('\n');
}

/** The closing line: counts by status. */
export function renderSummary(steps: readonly DoctorStep[], options: RenderOptions = {}): string {
  const c = pc.createColors(options.color ?? false);
  const count = (status: DoctorStatus) => steps.filter((s) => s.status === status).length;
  const failed = count('fail');
  const text = `${failed} failed, ${count('warn')} warnings, ${count('pass')} passed, ${count('skip')} skipped`;
  return failed === 0 ? c.green(text) : c.red(text);
}

/** The whole report as text, as `ews doctor` prints it. */
export function renderHuman(report: DoctorReport, options: RenderOptions = {}): string {
  return [
    renderHeader(report.email, report.ewsUrl),
    ...report.steps.map((step) => renderStep(step, options)),
    renderSummary(report.steps, options),
  ].join('\n');
}

export function renderHeader(email: string, ewsUrl: string | undefined): string {
  return `ews doctor ${email}${ewsUrl === undefined ? ' (EWS URL by Autodiscover)' : ` at ${ewsUrl}`}`;
}

/** The report as one JSON document (`--json`). */
export function renderJson(report: DoctorReport): string {
  return JSON.stringify(report, null, 2);
}
