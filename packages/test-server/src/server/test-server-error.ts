/** Thrown by startTestServer for unusable options. `code` is stable. */
export class TestServerError extends Error {
  override readonly name = 'TestServerError';
  constructor(
    readonly code: 'TEST_SERVER_OPTIONS' | 'TEST_SERVER_XMLLINT' | 'TEST_SERVER_TLS' | 'TEST_SERVER_STATE',
    message: string,
  ) {
    super(message);
  }
}
