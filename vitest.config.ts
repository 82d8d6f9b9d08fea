import { defineConfig } from 'vitest/config';

// Two suites: `unit` needs only Node (npm test); `conformance` drives real
// clients from Debian packages (chromium, poppler, qpdf, LibreOffice,
// gettext, xmllint, pdfbox) and is run by .ci/run after installing them.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          globalSetup: ['test/global-setup.ts'],
        },
      },
      {
        test: {
          name: 'conformance',
          include: ['test/conformance/**/*.test.ts'],
          testTimeout: 300_000,
          hookTimeout: 600_000,
          globalSetup: ['test/global-setup.ts'],
          fileParallelism: false,
        },
      },
    ],
  },
});
