export type { MailboxKind } from './directory/directory.js';
export type { TestServerPush } from './notifications/push-options.js';
export type { TestServerRooms } from './seed/room-board.js';
export type {
  BearerIdentity,
  BearerTokenVerifier,
  IssueBearerTokenOptions,
  TestServerBearer,
} from './server/bearer-auth.js';
export type {
  FaultRate,
  InjectedFault,
  MessageCountChange,
  TestServerFaults,
} from './server/faults.js';
// issue 15: stream
export type { TestServerNotifications } from './server/notification-controls.js';
export type { NtlmServerOptions, NtlmSignIn } from './server/ntlm/http-auth-gate.js';
export type { NtlmChannelBindingMode } from './server/ntlm/ntlmv2-verifier.js';
export type {
  SnapshotAttachment,
  SnapshotAttendee,
  SnapshotCalendar,
  SnapshotContact,
  SnapshotFolder,
  SnapshotInboxRule,
  SnapshotItem,
  SnapshotMailbox,
  SnapshotMessage,
  SnapshotOofSettings,
  SnapshotPerson,
  SnapshotTask,
  TestServerSnapshot,
} from './server/snapshot.js';
export {
  startTestServer,
  type TestServer,
  type TestServerAuth,
  type TestServerMailbox,
  type TestServerOptions,
  type TestServerRoomList,
  type TestServerSeed,
} from './server/start-test-server.js';
export type { TestServerStreaming } from './server/streaming-options.js';
export { TestServerError } from './server/test-server-error.js';
export type { ServerVersionName } from './soap/server-versions.js';
export type { DeepReadonly } from './store/deep-readonly.js';
export { MAILBOX_CULTURES } from './store/mailbox-cultures.js';
export type { GeneratedEvent, SubscriptionEvent } from './store/subscriptions.js';
