/** Thrown by startTestServer for unusable options. `code` is stable. */
export class TestServerError extends Error {
  override readonly name = 'TestServerError';
  constructor(
    readonly code: 'TEST_SERVER_OPTIONS',
    message: string,
  ) {
    super(message);
  }
}
