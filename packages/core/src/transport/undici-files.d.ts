// Types for the two undici files src/transport/undici-parts.ts imports (undici types only its index).
declare module 'undici/lib/dispatcher/client.js' {
  import type { Client } from 'undici';

  const ClientFile: typeof Client;
  export default ClientFile;
}

declare module 'undici/lib/core/connect.js' {
  import type { buildConnector } from 'undici';

  const connectFile: typeof buildConnector;
  export default connectFile;
}
