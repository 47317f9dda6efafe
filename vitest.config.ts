import { defineConfig } from "vitest/config";

/** Tests that need a built `kcs` or another program: they spawn processes, so they get the build. */
const E2E = ["test/e2e/**/*.test.ts", "test/sim/aws-cli.test.ts"];

export default defineConfig({
  test: {
    setupFiles: ["test/setup.ts"],
    // Two cores here: keep the pool small so e2e tests that spawn `kcs` do not starve each other.
    maxWorkers: 2,
    testTimeout: 30_000,
    env: {
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      NO_COLOR: "1",
    },
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          // The pure core, the simulator through the real SDK clients, and the application layer on
          // simulated time: no build, no spawned kcs.
          include: ["test/**/*.test.ts"],
          exclude: E2E,
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: E2E,
          // Whole processes (kcs, the aws CLI: about a second each) on two loaded cores: a test of six
          // CLI calls, or a hook building the fleet world and running doctor, can pass 30 s and 10 s.
          testTimeout: 90_000,
          hookTimeout: 60_000,
          // Builds dist/ first (compile, then bundle), so e2e tests never spawn a stale kcs.
          globalSetup: ["test/global-setup.ts"],
        },
      },
    ],
  },
});
