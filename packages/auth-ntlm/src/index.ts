export { createNtlmAuth, type NtlmAuthOptions } from './ntlm-auth.js';
