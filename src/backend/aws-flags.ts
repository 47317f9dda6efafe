// The aws backend's flags, checked before any client is made: the SDK's own answers to a bad one
// ("Invalid URL", "No AWS Region") say nothing about which flag was wrong.
import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { UsageError } from "../core/errors.js";
import { t } from "../i18n/index.js";

/** --sim-state names a simulated world; against AWS it would be ignored (KCS_SIM_STATE is ambient: not refused). */
export function refuseSimOnlyFlags(args: { simState?: string | undefined }): void {
  if (args.simState !== undefined) throw new UsageError(t("errors.aws.simState"));
}

/** --endpoint-url: an http or https URL with a host, as the aws CLI takes it. */
export function checkEndpointUrl(text: string | undefined): void {
  if (text === undefined) return;
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:") || url.hostname === "")
    throw new UsageError(t("errors.aws.endpointUrl", { text: text.slice(0, 80) }));
}

/**
 * A Region from --region or the environment, held to the SDK's own rule (it goes into the endpoint's
 * host name): the SDK's refusal, "Region not accepted", reaches the operator as an internal error.
 */
export function checkRegion(region: string | undefined, from: string): void {
  if (region === undefined) return;
  if (!/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i.test(region))
    throw new UsageError(t("errors.aws.region", { from, region: region.slice(0, 80) }));
}

/** The shared config and credentials files, where the SDK looks for them. */
export function profileFiles(env: NodeJS.ProcessEnv = process.env): { config: string; credentials: string } {
  const home = env.HOME || env.USERPROFILE || homedir();
  return {
    config: env.AWS_CONFIG_FILE || join(home, ".aws", "config"),
    credentials: env.AWS_SHARED_CREDENTIALS_FILE || join(home, ".aws", "credentials"),
  };
}

/**
 * The profile names an INI file defines. The config file names them `[profile NAME]` (and
 * `[default]`); the credentials file `[NAME]`. Other config sections (sso-session, services) are
 * not profiles.
 */
export function profilesIn(text: string, kind: "config" | "credentials"): string[] {
  const names: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*\[\s*([^\]]*?)\s*\]/.exec(line);
    if (!m) continue;
    const section = m[1]!;
    if (kind === "credentials") names.push(section);
    else if (section === "default") names.push(section);
    else {
      const p = /^profile\s+(.+)$/.exec(section);
      if (p) names.push(p[1]!.trim());
    }
  }
  return names;
}

function readText(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    // A missing or unreadable file defines no profile, as the SDK treats it.
    return "";
  }
}

/** The one-line refusal for a profile neither file defines, or undefined when one does. */
export function missingProfile(
  profile: string,
  from: "--profile" | "AWS_PROFILE",
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  const files = profileFiles(env);
  if (profilesIn(readText(files.config), "config").includes(profile)) return undefined;
  if (profilesIn(readText(files.credentials), "credentials").includes(profile)) return undefined;
  return t("errors.aws.noProfile", {
    profile: profile.slice(0, 80),
    from,
    config: files.config,
    credentials: files.credentials,
  });
}

/** --profile names a profile the SDK would look for in the shared files: one they lack is refused. */
export function checkProfileFlag(profile: string | undefined): void {
  if (profile === undefined) return;
  const problem = missingProfile(profile, "--profile");
  if (problem) throw new UsageError(problem);
}
