// The simulator's clients read nothing of the machine's AWS configuration: a setting meant for AWS
// (here one the SDK refuses) must neither break nor change a simulated run.
import { execFileSync } from "node:child_process";
import { closeSync, constants, openSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DescribeClustersCommand } from "@aws-sdk/client-cloudhsm-v2";
import { DescribeCustomKeyStoresCommand } from "@aws-sdk/client-kms";
import { afterEach, describe, expect, it } from "vitest";
import { openSimBackend } from "../../src/backend/sim.js";
import { tempDir } from "../helpers/cli.js";
import { initWorld } from "../helpers/world-file.js";

const SAVED = { ...process.env };
afterEach(() => {
  for (const k of Object.keys(process.env)) if (!(k in SAVED)) delete process.env[k];
  Object.assign(process.env, SAVED);
});

describe("the simulator's SDK clients", () => {
  it("ignore AWS_* settings and ~/.aws/config: AWS_DEFAULTS_MODE=bogus made a simulated doctor an internal error", async () => {
    const dir = tempDir("kcs-hermetic-");
    const path = initWorld(join(dir, "w.json"), "healthy");
    const config = join(dir, "config");
    writeFileSync(config, "[default]\ndefaults_mode = bogus\nmax_attempts = 0\nuse_fips_endpoint = true\n");
    Object.assign(process.env, {
      AWS_DEFAULTS_MODE: "bogus",
      AWS_MAX_ATTEMPTS: "0",
      AWS_USE_FIPS_ENDPOINT: "true",
      AWS_CONFIG_FILE: config,
    });
    const { clients } = openSimBackend(path);
    try {
      const stores = await clients.kms.send(new DescribeCustomKeyStoresCommand({}));
      expect(stores.CustomKeyStores).toHaveLength(1);
      const clusters = await clients.cloudhsm.send(new DescribeClustersCommand({}));
      expect(clusters.Clusters).toHaveLength(1);
      expect(await clients.kms.config.maxAttempts()).toBe(3);
      expect(await clients.kms.config.useFipsEndpoint()).toBe(false);
    } finally {
      clients.destroy();
    }
  });

  it("open no AWS config file: CloudHSM v2's old user agent provider read ~/.aws/config as each client was made", async () => {
    const dir = tempDir("kcs-hermetic-");
    const path = initWorld(join(dir, "w.json"), "healthy");
    // A named pipe: whoever opens it to read waits for a writer, and a writer that does not wait
    // (O_NONBLOCK) gets in only if a reader is there, so the test sees an open without a read.
    const config = join(dir, "config");
    execFileSync("mkfifo", [config]);
    Object.assign(process.env, { AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: config });
    const { clients } = openSimBackend(path);
    let fd: number | undefined;
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      try {
        fd = openSync(config, constants.O_WRONLY | constants.O_NONBLOCK);
      } catch (err) {
        expect((err as NodeJS.ErrnoException).code).toBe("ENXIO");
      }
      expect(fd, "a client opened the AWS config file").toBeUndefined();
    } finally {
      // Ends a reader's wait, if there was one.
      if (fd !== undefined) closeSync(fd);
      clients.destroy();
    }
  });
});
