import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // CI has 2 cores; the emulator and browser tests start servers of their own.
    maxWorkers: 2,
  },
});
