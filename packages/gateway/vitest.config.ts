import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "gateway",
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 30_000,
    // Tests never leave loopback: see docs/contributing.md ("The loopback guard").
    setupFiles: ["../../scripts/test-guard/vitest-setup.mjs"],
  },
});
