import { defineConfig } from 'vitest/config';

const apiSuite = (dialect: 'mysql' | 'sqlite') => ({
  extends: true as const,
  test: {
    name: `api-${dialect}`,
    include: ['test/api/**/*.test.ts'],
    env: { TEST_DIALECT: dialect },
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});

export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['{server,migrations,rules-schema,studio}/**/*.test.ts'],
          exclude: ['**/node_modules/**'],
        },
      },
      apiSuite('mysql'),
      apiSuite('sqlite'),
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/setup.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
