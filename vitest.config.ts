import { defineConfig } from "vitest/config";

// Two projects: fast unit tests, and end-to-end tests that drive the built CLI
// against a real Docker engine (one file at a time: they share the engine and port).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["test/unit/**/*.test.ts"],
        },
      },
      {
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          fileParallelism: false,
          testTimeout: 240_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
