import { readFileSync } from 'node:fs';
import { type Command, CommanderError, Option } from 'commander';
import { renderHeader, renderJson, renderStep, renderSummary } from './render.js';
import { checkOptions, diagnose, ewsUrlOf, runDoctor } from './run-doctor.js';
import type { DoctorAuth, DoctorOptions, DoctorStep } from './types.js';

interface DoctorFlags {
  readonly server?: string;
  readonly user?: string;
  readonly auth?: DoctorAuth;
  readonly impersonate?: string;
  readonly json?: boolean;
  readonly ca?: string;
  readonly trustHost?: string[];
  readonly channelBinding?: boolean;
  readonly timeout?: string;
}

/** Where doctor writes; the process's streams by default, a buffer in tests. */
export interface DoctorIo {
  readonly out: (text: string) => void;
  readonly color: boolean;
  /** Where EWS_SERVER, EWS_USERNAME and EWS_PASSWORD are read (default: process.env). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** The program's Ctrl-C signal; without one, doctor listens for SIGINT itself. */
  readonly signal?: AbortSignal;
}

const processIo = (): DoctorIo => ({
  out: (text) => void process.stdout.write(text),
  color: process.stdout.isTTY === true && !('NO_COLOR' in process.env),
});

/** Adds `ews doctor` to the program. The exit code is 0 only when no step failed. */
export function registerDoctor(program: Command, io: DoctorIo = processIo()): Command {
  return program
    .command('doctor')
    .description(
      'diagnose why a connection to a mailbox fails, step by step (DNS, TCP, TLS, Autodiscover, auth, mailbox, rooms, throttling)',
    )
    .argument('<email>', 'the mailbox to check')
    .option('--server <url>', 'the EWS URL or host (default: found by Autodiscover)')
    .option('--user <user>', 'sign in as (DOMAIN\\user or user@domain; default: the email)')
    .addOption(new Option('--auth <type>', 'force an auth scheme').choices(['basic', 'ntlm']))
    .option('--impersonate <mailbox>', 'check the right to impersonate this mailbox')
    .option('--ca <file>', 'extra trusted CA certificate (PEM), like NODE_EXTRA_CA_CERTS')
    .option(
      '--trust-host <host...>',
      'hosts outside the mailbox domain that Autodiscover may send credentials to',
    )
    .option(
      '--no-channel-binding',
      "sign in with NTLM without channel binding (as channelBinding: 'off' does)",
    )
    .option('--timeout <ms>', 'deadline of each step in milliseconds', '15000')
    .option('--json', 'print one machine-readable report')
    .addHelpText('after', '\nThe password comes from EWS_PASSWORD; it is never printed.')
    .action(async (email: string, flags: DoctorFlags, command: Command) => {
      const controller = new AbortController();
      const onSigint = () => controller.abort(new Error('cancelled (Ctrl-C)'));
      if (io.signal === undefined) process.once('SIGINT', onSigint);
      else if (io.signal.aborted) onSigint();
      else io.signal.addEventListener('abort', onSigint, { once: true });
      try {
        let options: DoctorOptions;
        try {
          options = optionsFrom(email, flags, controller.signal, io.env ?? process.env);
        } catch (error) {
          // A wrong flag is the caller's: one line, no stack trace.
          command.error(error instanceof Error ? error.message : String(error), {
            exitCode: 2,
            code: 'ews.doctor.usage',
          });
        }
        let failed: boolean;
        try {
          failed = flags.json ? await printJson(options, io) : await printHuman(options, io);
        } catch (error) {
          if (!controller.signal.aborted) throw error;
          io.out('cancelled\n');
          throw new CommanderError(130, 'ews.doctor.cancelled', 'doctor: cancelled');
        }
        if (failed) throw new CommanderError(1, 'ews.doctor.failed', 'doctor: a step failed');
      } finally {
        process.removeListener('SIGINT', onSigint);
        io.signal?.removeEventListener('abort', onSigint);
      }
    });
}

/**
 * Flags and environment to DoctorOptions. After the `commands` helper's shared configuration lands
 * (src/config), server, user, password and auth come from it (flags, EWS_* variables, profile, prompt).
 */
function optionsFrom(
  email: string,
  flags: DoctorFlags,
  signal: AbortSignal,
  env: Readonly<Record<string, string | undefined>>,
): DoctorOptions {
  const password = env.EWS_PASSWORD;
  const server = flags.server ?? env.EWS_SERVER;
  const user = flags.user ?? env.EWS_USERNAME;
  const timeout = Number(flags.timeout);
  return checkOptions({
    email,
    signal,
    ...(server === undefined ? {} : { server }),
    ...(user === undefined ? {} : { user }),
    ...(password === undefined ? {} : { password }),
    ...(flags.auth === undefined ? {} : { auth: flags.auth }),
    ...(flags.impersonate === undefined ? {} : { impersonate: flags.impersonate }),
    ...(flags.ca === undefined ? {} : { ca: readFileSync(flags.ca, 'utf8') }),
    ...(flags.trustHost === undefined ? {} : { trustHosts: flags.trustHost }),
    ...(flags.channelBinding === false ? { channelBinding: 'off' as const } : {}),
    stepTimeoutMs: timeout,
  });
}

async function printHuman(options: DoctorOptions, io: DoctorIo): Promise<boolean> {
  io.out(
    `${renderHeader(options.email, options.server === undefined ? undefined : ewsUrlOf(options.server).href)}\n`,
  );
  const steps: DoctorStep[] = [];
  for await (const step of runDoctor(options)) {
    steps.push(step);
    io.out(`${renderStep(step, { color: io.color })}\n`);
  }
  io.out(`${renderSummary(steps, { color: io.color })}\n`);
  return steps.some((step) => step.status === 'fail');
}

async function printJson(options: DoctorOptions, io: DoctorIo): Promise<boolean> {
  const report = await diagnose(options);
  io.out(`${renderJson(report)}\n`);
  return !report.ok;
}
