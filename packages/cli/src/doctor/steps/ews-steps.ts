import { apiVersionForBuild, child, children, childText, productNameForBuild } from '@ews/core';
import type { DoctorContext } from '../context.js';
import {
  type CallResult,
  call,
  clientFor,
  GET_ROOM_LISTS,
  getCalendarFolder,
  SIGN_IN_PROBE,
} from '../ews-call.js';
import { fail, pass, type StepOutcome, type StepRun, skip, warn } from '../step-outcome.js';

const NO_PASSWORD = 'no password given (set EWS_PASSWORD or answer the prompt)';

function needsSignIn(context: DoctorContext): StepOutcome | undefined {
  if (context.options.password === undefined) return skip(NO_PASSWORD);
  if (context.auth === undefined) return skip('no auth scheme chosen');
  return undefined;
}

/**
 * Extended Protection: an NTLM handshake without channel binding, then (if refused) one with it.
 * Refused without and accepted with = the server enforces it.
 */
export const channelBindingStep: StepRun = async (context, signal) => {
  const url = context.ewsUrl!;
  if (url.protocol !== 'https:') return skip('plain http: there is no TLS channel to bind to');
  if (context.auth !== 'ntlm')
    return skip(
      `signing in with ${context.auth ?? 'no scheme'}: channel binding concerns NTLM/Negotiate only`,
    );
  const missing = needsSignIn(context);
  if (missing) return missing;
  const unbound = await call(
    context,
    clientFor(context, { channelBinding: 'off' }),
    SIGN_IN_PROBE.operation,
    SIGN_IN_PROBE.body,
    signal,
  );
  if (unbound.ok) return pass('not enforced: an NTLM sign-in without channel binding was accepted');
  if (unbound.errorCode !== 'EWS_AUTH')
    return warn(`could not tell: ${unbound.message}`, 'See the sign-in step.');
  const bound = await call(
    context,
    clientFor(context, { channelBinding: 'auto' }),
    SIGN_IN_PROBE.operation,
    SIGN_IN_PROBE.body,
    signal,
  );
  if (!bound.ok) {
    return warn(
      'could not tell: NTLM was refused both with and without channel binding',
      'If the password is right, a TLS-terminating proxy or load balancer in front of Exchange breaks the binding: bypass it, or have the server accept unbound requests.',
    );
  }
  if (context.options.channelBinding === 'off') {
    return fail(
      'channel binding required and missing: the server enforces Extended Protection (NTLM without channel binding refused, with it accepted), and your setting sends none',
      "Drop --no-channel-binding (channelBinding: 'off'), so the client binds to the server's certificate.",
      { stops: 'the server requires channel binding, which this configuration does not send' },
    );
  }
  return pass(
    'enforced (Extended Protection): refused without channel binding, accepted with it; this client binds',
  );
};

/** Signs in with the chosen scheme: the first authenticated call, which also tells the server version. */
export const signInStep: StepRun = async (context, signal) => {
  const missing = needsSignIn(context);
  if (missing) return { ...missing, stops: missing.detail };
  const scheme = context.auth === 'ntlm' ? 'NTLM' : 'Basic';
  const result = await call(context, clientFor(context), SIGN_IN_PROBE.operation, SIGN_IN_PROBE.body, signal);
  if (result.ok) {
    context.serverVersion = result.response.serverVersion;
    return pass(`signed in as ${context.user} with ${scheme}`);
  }
  if (result.throttled) return throttled('sign-in', result);
  if (result.errorCode === 'EWS_AUTH') {
    return fail(
      `${context.user} was refused with ${scheme} (HTTP 401)`,
      'Check the user name (DOMAIN\\user or user@domain) and password; a locked account, or one without EWS access (Set-CASMailbox -EWSEnabled), is refused the same way.',
      { stops: 'sign-in refused' },
    );
  }
  if (result.httpStatus === 404) {
    const url = context.ewsUrl!;
    return fail(
      `HTTP 404 at ${url.pathname} after signing in: not an EWS endpoint`,
      `EWS lives at ${url.protocol}//${url.host}/EWS/Exchange.asmx; check the path of --server.`,
      { stops: 'no EWS endpoint at the URL' },
    );
  }
  return fail(
    `sign-in failed: ${result.message}`,
    'See the detail; the server did not accept an authenticated EWS request.',
    {
      stops: 'sign-in failed',
    },
  );
};

export const serverVersionStep: StepRun = async (context) => {
  const version = context.serverVersion;
  if (version === undefined) {
    return warn(
      'the answer carried no ServerVersionInfo header',
      'Exchange always sends one: a proxy or a non-Exchange server may be answering.',
    );
  }
  const product = productNameForBuild(version.build) ?? 'unknown Exchange';
  return pass(
    `${product}, build ${version.build.toString()} (EWS schema ${apiVersionForBuild(version.build) ?? version.apiVersion})`,
  );
};

/** GetFolder on the mailbox's calendar: can this account open it? */
export const mailboxStep: StepRun = async (context, signal) => {
  const missing = needsSignIn(context);
  if (missing) return missing;
  const email = context.options.email;
  const result = await call(context, clientFor(context), 'GetFolder', getCalendarFolder(email), signal);
  if (result.ok) {
    const folder = child(result.response.messages[0]?.node, 'Folders', 'CalendarFolder');
    const total = childText(folder, 'TotalCount');
    return pass(`calendar of ${email} is readable${total === undefined ? '' : ` (${total} items)`}`);
  }
  if (result.throttled) return throttled('GetFolder', result);
  switch (result.responseCode) {
    case 'ErrorNonExistentMailbox':
    case 'ErrorMailRecipientNotFound':
      return fail(
        `no mailbox ${email} on this server (${result.responseCode})`,
        'Check the address (the primary SMTP address of the mailbox); it may also live in another forest or in Exchange Online.',
      );
    case 'ErrorAccessDenied':
    case 'ErrorFolderNotFound':
    case 'ErrorItemNotFound':
      return fail(
        `${context.user} may not open the calendar of ${email} (${result.responseCode})`,
        `Grant access (Add-MailboxFolderPermission ${email}:\\Calendar -User ${context.user} -AccessRights Reviewer, or full access), or use --impersonate with an account that has the ApplicationImpersonation role.`,
      );
    default:
      return fail(`GetFolder on the calendar of ${email} failed: ${result.message}`, 'See the detail.');
  }
};

/** GetFolder as the impersonated mailbox: is the ApplicationImpersonation role granted? */
export const impersonationStep: StepRun = async (context, signal) => {
  const target = context.options.impersonate;
  if (target === undefined) return skip('no --impersonate given');
  const missing = needsSignIn(context);
  if (missing) return missing;
  const client = clientFor(context, { impersonation: { primarySmtpAddress: target } });
  const result = await call(context, client, 'GetFolder', getCalendarFolder(undefined), signal);
  if (result.ok) return pass(`${context.user} may impersonate ${target}`);
  if (result.throttled) return throttled('GetFolder (impersonated)', result);
  switch (result.responseCode) {
    case 'ErrorImpersonateUserDenied':
    case 'ErrorImpersonationDenied':
      return fail(
        `impersonation denied: ${context.user} may not impersonate ${target} (${result.responseCode})`,
        `Grant the role: New-ManagementRoleAssignment -Role ApplicationImpersonation -User ${context.user} (optionally scoped to these mailboxes).`,
      );
    case 'ErrorNonExistentMailbox':
      return fail(
        `no mailbox ${target} to impersonate (${result.responseCode}); the right to impersonate was not the problem`,
        'Check the impersonated address: it must be the primary SMTP address of an existing mailbox.',
      );
    default:
      return fail(`impersonating ${target} failed: ${result.message}`, 'See the detail.');
  }
};

/** GetRoomLists: the room lists this account can see. */
export const roomListsStep: StepRun = async (context, signal) => {
  const missing = needsSignIn(context);
  if (missing) return missing;
  const result = await call(context, clientFor(context), 'GetRoomLists', GET_ROOM_LISTS, signal);
  if (!result.ok) {
    if (result.throttled) return throttled('GetRoomLists', result);
    return fail(
      `GetRoomLists failed: ${result.message}`,
      'Room lists come from the address book: check that this account can read it.',
    );
  }
  const node = result.response.messages[0]?.node;
  const lists = children(child(node, 'RoomLists'), 'Address').map(
    (address) => childText(address, 'EmailAddress') ?? childText(address, 'Name') ?? '?',
  );
  if (lists.length === 0) {
    return warn(
      'no room lists published',
      'Rooms are found through room lists: New-DistributionGroup -RoomList -Name "Building 1" -Members room1@…',
    );
  }
  const shown = lists.slice(0, 5).join(', ') + (lists.length > 5 ? `, … (${lists.length - 5} more)` : '');
  return pass(`${lists.length} room list${lists.length === 1 ? '' : 's'}: ${shown}`);
};

/** A summary of every throttling signal the other steps met. */
export const throttlingStep: StepRun = async (context) => {
  if (context.throttle.length === 0) return pass('no throttling seen');
  const seen = context.throttle.map(
    (t) => `${t.what} on ${t.where}${t.waitMs === undefined ? '' : ` (back off ${t.waitMs} ms)`}`,
  );
  return fail(
    `throttled: ${seen.join('; ')}`,
    `The server throttles ${context.user}: wait and retry with back-off, lower concurrency, or ask for a throttling policy with higher EWS limits (New-ThrottlingPolicy, Set-ThrottlingPolicyAssociation).`,
  );
};

function throttled(where: string, result: Extract<CallResult, { ok: false }>): StepOutcome {
  return fail(`${where} was throttled: ${result.message}`, 'See the throttling step.');
}
