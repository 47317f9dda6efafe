#!/usr/bin/env node
// Decided here, once: kcs supports Node 20 deliberately, so the SDK's Node-version notice is noise.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

const args = process.argv.slice(2);

// The version alone needs none of kcs: not the parser, not its words (yargs prints the same line).
const versionOnly = args.length === 1 && args[0] === "--version";
// --version, --help and completion need a small part of kcs: the ES modules split by command load just that.
// Every other command runs the one-script bundle with V8's compiled code from its last run
// (src/cli/code-cache.ts), which Node 20 can keep only for a script.
const { asksForHelp } = await import("../dist/cli/help-flags.js");
const light =
  args.length === 0 ||
  asksForHelp(args) ||
  args.includes("--version") ||
  args[0] === "help" ||
  args[0] === "completion" ||
  // Asked at every Tab: completing needs the parser only, and must not make the command's code cache.
  args[0] === "--get-yargs-completions";

if (versionOnly) {
  const { readFileSync } = await import("node:fs");
  const { version } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
  process.stdout.write(`${version}\n`);
} else if (light) {
  // Node 22.1+ keeps V8's compiled code for ES modules too (in the OS temp folder).
  const { enableCompileCache } = await import("node:module");
  if (typeof enableCompileCache === "function" && !process.env.KCS_NO_COMPILE_CACHE) {
    try {
      enableCompileCache();
    } catch {
      // A cache folder that cannot be written costs speed, never a run.
    }
  }
  const { main } = await import("../dist/bundle/main.js");
  await main();
} else {
  const { loadBundle } = await import("../dist/cli/code-cache.js");
  const bundle = new URL("../dist/bundle-cjs/kcs.cjs", import.meta.url);
  await loadBundle((await import("node:url")).fileURLToPath(bundle), args).entry.main();
}
