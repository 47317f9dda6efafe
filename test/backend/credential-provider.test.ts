import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defaultProvider as sdkDefaultProvider } from "@aws-sdk/credential-provider-node";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { makeClients } from "../../src/backend/clients.js";
import { credentialsFromEnv, defaultProvider } from "../../src/backend/lazy-credential-provider.js";

// The variables the chain reads; each test sets its own and gets the machine's back afterwards.
const CHAIN_VARS = [
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "AWS_CREDENTIAL_EXPIRATION",
  "AWS_CREDENTIAL_SCOPE",
  "AWS_ACCOUNT_ID",
  "AWS_PROFILE",
  "AWS_CONFIG_FILE",
  "AWS_SHARED_CREDENTIALS_FILE",
  "AWS_EC2_METADATA_DISABLED",
  "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
  "AWS_CONTAINER_CREDENTIALS_FULL_URI",
  "AWS_WEB_IDENTITY_TOKEN_FILE",
  "AWS_ROLE_ARN",
];
let saved: Record<string, string | undefined>;
let dir: string;

beforeEach(() => {
  saved = Object.fromEntries(CHAIN_VARS.map((k) => [k, process.env[k]]));
  for (const k of CHAIN_VARS) delete process.env[k];
  dir = mkdtempSync(join(tmpdir(), "kcs-cred-"));
  // A credentials file with the default profile and one named profile, so that whenever the chain goes
  // past the environment it finds something else, and the two answers can be told apart.
  writeFileSync(
    join(dir, "credentials"),
    "[default]\naws_access_key_id = AKIDFROMFILE\naws_secret_access_key = file-secret\n" +
      "[named]\naws_access_key_id = AKIDNAMED\naws_secret_access_key = named-secret\n",
  );
  writeFileSync(join(dir, "config"), "");
  process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, "credentials");
  process.env.AWS_CONFIG_FILE = join(dir, "config");
  process.env.AWS_EC2_METADATA_DISABLED = "true";
});

afterEach(() => {
  for (const k of CHAIN_VARS) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
});

/** What the SDK's own chain answers, through a fresh chain (it memoizes). */
const sdkAnswer = (init: { profile?: string } = {}) => sdkDefaultProvider(init)();

describe("the environment's keys, read without loading the chain", () => {
  const cases: [string, Record<string, string>, { profile?: string }][] = [
    ["a key pair", { AWS_ACCESS_KEY_ID: "AKIDENV", AWS_SECRET_ACCESS_KEY: "env-secret" }, {}],
    [
      "every variable the chain reads",
      {
        AWS_ACCESS_KEY_ID: "ASIAENV",
        AWS_SECRET_ACCESS_KEY: "env-secret",
        AWS_SESSION_TOKEN: "token",
        AWS_CREDENTIAL_EXPIRATION: "2099-01-02T03:04:05Z",
        AWS_CREDENTIAL_SCOPE: "eu-west-1",
        AWS_ACCOUNT_ID: "111122223333",
      },
      {},
    ],
    [
      "AWS_PROFILE beside a key pair",
      { AWS_ACCESS_KEY_ID: "AKIDENV", AWS_SECRET_ACCESS_KEY: "s", AWS_PROFILE: "named" },
      {},
    ],
    [
      "a profile given to the chain",
      { AWS_ACCESS_KEY_ID: "AKIDENV", AWS_SECRET_ACCESS_KEY: "s" },
      { profile: "named" },
    ],
    ["a key without its secret", { AWS_ACCESS_KEY_ID: "AKIDENV" }, {}],
    ["empty values", { AWS_ACCESS_KEY_ID: "", AWS_SECRET_ACCESS_KEY: "" }, {}],
    ["a session token without keys", { AWS_SESSION_TOKEN: "token" }, {}],
  ];
  for (const [name, env, init] of cases)
    it(`answers as the SDK's chain does: ${name}`, async () => {
      Object.assign(process.env, env);
      // The SDK warns when AWS_PROFILE and keys are both set; that is its business, not this test's.
      const warn = console.warn;
      console.warn = () => {};
      let sdk: unknown;
      try {
        sdk = await sdkAnswer(init);
      } finally {
        console.warn = warn;
      }
      const ours = credentialsFromEnv(init);
      if (ours) expect(ours).toEqual(sdk);
      // Where ours declines, the SDK took the credentials from somewhere other than the environment.
      else expect((sdk as { accessKeyId: string }).accessKeyId).toMatch(/^AKID(FROMFILE|NAMED)$/);
      // And the provider kcs gives the clients answers the same, whichever way it went.
      expect(await defaultProvider(init)()).toEqual(sdk);
    });
});

describe("one chain for all of a run's clients", () => {
  it("runs a profile's credential_process once, not once per client", async () => {
    const count = join(dir, "runs");
    const script = join(dir, "process.cjs");
    writeFileSync(
      script,
      `require("node:fs").appendFileSync(${JSON.stringify(count)}, "x");\n` +
        `process.stdout.write(JSON.stringify({ Version: 1, AccessKeyId: "AKIDPROCESS", SecretAccessKey: "p" }));\n`,
    );
    writeFileSync(
      join(dir, "config"),
      `[profile proc]\ncredential_process = ${JSON.stringify(process.execPath)} ${JSON.stringify(script)}\n`,
    );
    process.env.AWS_PROFILE = "proc";
    const clients = makeClients({ region: "eu-west-1", endpoint: "http://127.0.0.1:9" });
    try {
      const seen = await Promise.all([
        clients.kms.config.credentials(),
        clients.cloudtrail.config.credentials(),
        clients.cloudhsm.config.credentials(),
        clients.cloudhsmOnce.config.credentials(),
      ]);
      expect(seen.map((c) => c.accessKeyId)).toEqual(Array(4).fill("AKIDPROCESS"));
      expect(readFileSync(count, "utf8")).toBe("x");
    } finally {
      clients.destroy();
    }
  });
});
