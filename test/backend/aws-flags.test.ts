import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  checkEndpointUrl,
  checkRegion,
  missingProfile,
  profilesIn,
  refuseSimOnlyFlags,
} from "../../src/backend/aws-flags.js";
import { UsageError } from "../../src/core/errors.js";
import { tempDir } from "../helpers/cli.js";

describe("checkEndpointUrl", () => {
  it.each(["http://127.0.0.1:4566", "https://kms.eu-west-1.amazonaws.com", "http://localhost:8080/path"])(
    "accepts %s",
    (url) => {
      expect(() => checkEndpointUrl(url)).not.toThrow();
    },
  );

  it.each(["notaurl", "ftp://example.com", "127.0.0.1:4566", "file:///etc/passwd", "http://", ""])(
    "refuses %j, naming the flag and the schemes",
    (url) => {
      expect(() => checkEndpointUrl(url)).toThrow(UsageError);
      expect(() => checkEndpointUrl(url)).toThrow(/--endpoint-url takes an http:\/\/ or https:\/\/ URL/);
    },
  );
});

describe("refuseSimOnlyFlags", () => {
  it("refuses --sim-state on the aws backend, and nothing else", () => {
    expect(() => refuseSimOnlyFlags({ simState: "w.json" })).toThrow(/^--sim-state is for the sim backend/);
    expect(() => refuseSimOnlyFlags({})).not.toThrow();
  });
});

describe("checkRegion", () => {
  it("accepts Region names and refuses what cannot be part of a host name, naming the source", () => {
    for (const r of ["eu-west-1", "us-gov-west-1", "cn-north-1", "eusc-de-east-1"])
      expect(() => checkRegion(r, "--region")).not.toThrow();
    expect(() => checkRegion("bad region", "--region")).toThrow(
      "--region takes a Region name like eu-west-1; got 'bad region'.",
    );
    expect(() => checkRegion("", "--region")).toThrow(UsageError);
    expect(() => checkRegion("eu_west_1!", "AWS_REGION")).toThrow(/^AWS_REGION takes/);
  });
});

describe("profiles", () => {
  it("reads [default] and [profile NAME] from config, [NAME] from credentials", () => {
    const config = "[default]\nregion=eu-west-1\n[profile dev]\n[sso-session corp]\n[ profile  ops ]\n";
    expect(profilesIn(config, "config")).toEqual(["default", "dev", "ops"]);
    expect(profilesIn("[default]\n[ci]\naws_access_key_id=x\n", "credentials")).toEqual(["default", "ci"]);
  });

  it("names a missing profile and both files looked in; a defined one passes", () => {
    const dir = tempDir();
    const env = {
      AWS_CONFIG_FILE: join(dir, "config"),
      AWS_SHARED_CREDENTIALS_FILE: join(dir, "credentials"),
    };
    writeFileSync(env.AWS_CONFIG_FILE, "[profile dev]\nregion=eu-west-1\n");
    writeFileSync(env.AWS_SHARED_CREDENTIALS_FILE, "[ci]\n");
    expect(missingProfile("dev", "--profile", env)).toBeUndefined();
    expect(missingProfile("ci", "--profile", env)).toBeUndefined();
    const problem = missingProfile("nope", "--profile", env);
    expect(problem).toContain("'nope' (--profile) does not exist");
    expect(problem).toContain(env.AWS_CONFIG_FILE);
    expect(problem).toContain(env.AWS_SHARED_CREDENTIALS_FILE);
  });
});
