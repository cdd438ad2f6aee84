import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

const labDir = process.env.EWS_AUTHLAB_DIR ?? '/tmp/ews-authlab';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Starts tools/authlab (MIT KDC + Apache mod_auth_gssapi) for test/authlab; fails the run if it cannot.
    globalSetup: ['test/authlab/global-setup.ts'],
    // GSSAPI reads these when the addon first initializes: the lab's private realm, and a
    // ticket cache of this run's own (kinit/kdestroy in the tests never touch the user's).
    env: {
      KRB5_CONFIG: `${labDir}/krb5/krb5.conf`,
      KRB5CCNAME: `FILE:${join(tmpdir(), `ews-auth-kerberos-test-${process.pid}.ccache`)}`,
    },
    // The files share one ticket cache (kinit/kdestroy): run them one after another.
    fileParallelism: false,
    testTimeout: 20_000,
    hookTimeout: 60_000,
    reporters: ['default', 'json'],
    outputFile: { json: '.vitest-results.json' },
  },
});
