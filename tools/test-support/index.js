// Helpers the packages' tests share. Plain JavaScript with a declaration file beside it, so the
// workspace uses it without a build step (as @ews-tools/authlab does).
export { offerAuthServer, offerAuthServers } from './offer-auth-server.js';
export { createSelfSigned, createTestPki, toPkcs12 } from './test-pki.js';
