import { defineConfig } from '@playwright/test';

// Set HOCVU_E2E_URL to test a server that is already running; otherwise the
// release build is started on 127.0.0.1:3100 against a fresh demo database.
const externalUrl = process.env.HOCVU_E2E_URL;

export default defineConfig({
  testDir: 'tests',
  workers: 1,
  // One retry, as nextest has (.config/nextest.toml): a test that passes only on its retry is
  // reported as flaky in the list and in scripts/test.sh's total, not hidden.
  retries: 1,
  reporter: 'list',
  timeout: 30_000,
  use: {
    baseURL: externalUrl ?? 'http://127.0.0.1:3100',
    locale: 'vi-VN',
    browserName: 'chromium',
    launchOptions: {
      // Debian's Chromium: Playwright's own browser builds cannot be downloaded here.
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-quic',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [
    {
      name: 'desktop',
      use: { viewport: { width: 1280, height: 800 } },
    },
    {
      name: 'phone',
      // Once, on the desktop: the reminder journey's recipient unsubscribes at the end, and one
      // video upload is enough.
      testIgnore: /(reminders|video)\.spec\.ts/,
      use: {
        viewport: { width: 360, height: 740 },
        isMobile: true,
        hasTouch: true,
        deviceScaleFactor: 2,
      },
    },
  ],
  webServer: externalUrl
    ? undefined
    : [
        {
          // A real OpenID provider for the single sign-on journey (tests/sso.spec.ts); the
          // server is configured with it by start-server.sh.
          command:
            'node oidc/provider.mjs --port 3190 --redirect-uri http://127.0.0.1:3100/sso/vneid/callback --post-logout-redirect-uri http://127.0.0.1:3100/',
          url: 'http://127.0.0.1:3190/.well-known/openid-configuration',
          timeout: 30_000,
          reuseExistingServer: false,
        },
        {
          // A real SMTP server for the reminder journey (tests/reminders.spec.ts): aiosmtpd,
          // writing each message it accepts into target/e2e-mail/.
          command: 'bash ../scripts/smtp.sh serve 3125 target/e2e-mail',
          port: 3125,
          timeout: 60_000,
          reuseExistingServer: false,
        },
        {
          command: 'bash ./start-server.sh',
          url: 'http://127.0.0.1:3100/healthz',
          timeout: 120_000,
          reuseExistingServer: false,
          stdout: 'pipe',
        },
      ],
});
