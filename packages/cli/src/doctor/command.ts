import { type Command, CommanderError, Option } from 'commander';
import { readCa } from '../config/ca-file.js';
import { PASSWORD_ENV, passwordFromEnv } from '../config/password.js';
import { resolveSettingLayers } from '../config/settings.js';
import type { CliContext } from '../context.js';
import { CliError } from '../output/cli-error.js';
import { renderHeader, renderJson, renderStep, renderSummary } from './render.js';
import { checkOptions, diagnose, ewsUrlOf, runDoctor } from './run-doctor.js';
import type { DoctorAuth, DoctorOptions, DoctorStep } from './types.js';

interface DoctorFlags {
  readonly server?: string;
  readonly user?: string;
  readonly auth?: DoctorAuth;
  readonly profile?: string;
  readonly impersonate?: string;
  readonly json?: boolean;
  readonly ca?: string;
  readonly trustHost?: string[];
  readonly channelBinding?: boolean;
  readonly timeout?: string;
}

/** What doctor gets from the program: its context (environment, profiles, Ctrl-C signal) and its output. */
export interface DoctorIo {
  /** Settings come through the CLI's layers from it; its signal (Ctrl-C) cancels the run. */
  readonly context: CliContext;
  /** Where doctor writes: the program's stdout, with the run's secrets masked. */
  readonly out: (text: string) => void;
}

/** Adds `ews doctor` to the program. The exit code is 0 only when no step failed. */
export function registerDoctor(program: Command, io: DoctorIo): Command {
  return program
    .command('doctor')
    .description(
      'diagnose why a connection to a mailbox fails, step by step (DNS, TCP, TLS, Autodiscover, auth, mailbox, rooms, throttling)',
    )
    .argument('<email>', 'the mailbox to check')
    .option('--server <url>', 'the EWS URL or host (env EWS_SERVER; default: found by Autodiscover)')
    .option('--user <user>', 'sign in as DOMAIN\\user or user@domain (env EWS_USERNAME; default: the email)')
    .addOption(new Option('--auth <type>', 'force an auth scheme').choices(DOCTOR_AUTHS))
    .option('--profile <name>', 'saved profile to read settings from (env EWS_PROFILE; default: "default")')
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
    .addHelpText('after', `\nThe password comes from ${PASSWORD_ENV}; it is never printed.`)
    .action(async (email: string, flags: DoctorFlags, command: Command) => {
      const { signal } = io.context;
      let options: DoctorOptions;
      try {
        options = await optionsFrom(email, flags, io.context);
      } catch (error) {
        // A wrong flag or setting is the caller's: one line, no stack trace.
        command.error(error instanceof Error ? error.message : String(error), {
          exitCode: 2,
          code: 'ews.doctor.usage',
        });
      }
      // Colour on a terminal, unless NO_COLOR is set (https://no-color.org).
      const color = io.context.stdout.isTTY === true && !('NO_COLOR' in io.context.env);
      let failed: boolean;
      try {
        failed = flags.json ? await printJson(options, io) : await printHuman(options, io, color);
      } catch (error) {
        if (!signal.aborted) throw error;
        io.out('cancelled\n');
        throw new CommanderError(130, 'ews.doctor.cancelled', 'doctor: cancelled');
      }
      if (failed) throw new CommanderError(1, 'ews.doctor.failed', 'doctor: a step failed');
    });
}

const DOCTOR_AUTHS: readonly DoctorAuth[] = ['basic', 'ntlm'];

/**
 * Flags, EWS_* variables and the profile (the CLI's settings layers) to DoctorOptions. Unlike the
 * other commands doctor requires none of them: without a server Autodiscover finds it, without a
 * user it signs in as the email, and without a password the steps that sign in are skipped.
 */
async function optionsFrom(email: string, flags: DoctorFlags, context: CliContext): Promise<DoctorOptions> {
  const settings = await resolveSettingLayers({ ...flags, email }, context);
  const auth = settings.auth;
  if (auth !== undefined && !DOCTOR_AUTHS.includes(auth as DoctorAuth)) {
    throw new CliError('INVALID_AUTH', `doctor signs in with ${DOCTOR_AUTHS.join(' or ')}, not ${auth}`);
  }
  const password = passwordFromEnv(context);
  return checkOptions({
    email,
    signal: context.signal,
    ...(settings.server === undefined ? {} : { server: settings.server }),
    ...(settings.user === undefined ? {} : { user: settings.user }),
    ...(password === undefined ? {} : { password }),
    ...(auth === undefined ? {} : { auth: auth as DoctorAuth }),
    ...(flags.impersonate === undefined ? {} : { impersonate: flags.impersonate }),
    ...(settings.ca === undefined ? {} : { ca: await readCa(settings.ca) }),
    ...(flags.trustHost === undefined ? {} : { trustHosts: flags.trustHost }),
    ...(flags.channelBinding === false ? { channelBinding: 'off' as const } : {}),
    stepTimeoutMs: Number(flags.timeout),
  });
}

async function printHuman(options: DoctorOptions, io: DoctorIo, color: boolean): Promise<boolean> {
  io.out(
    `${renderHeader(options.email, options.server === undefined ? undefined : ewsUrlOf(options.server).href)}\n`,
  );
  const steps: DoctorStep[] = [];
  for await (const step of runDoctor(options)) {
    steps.push(step);
    io.out(`${renderStep(step, { color })}\n`);
  }
  io.out(`${renderSummary(steps, { color })}\n`);
  return steps.some((step) => step.status === 'fail');
}

async function printJson(options: DoctorOptions, io: DoctorIo): Promise<boolean> {
  const report = await diagnose(options);
  io.out(`${renderJson(report)}\n`);
  return !report.ok;
}
