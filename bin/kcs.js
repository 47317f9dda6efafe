#!/usr/bin/env node
// Decided here, once: kcs supports Node 20 deliberately, so the SDK's Node-version notice is noise.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

const args = process.argv.slice(2);
// --version, --help and completion need a small part of kcs: the ES modules split by command load just that.
// Every other command runs the one-script bundle with V8's compiled code from its last run
// (src/cli/code-cache.ts), which Node 20 can keep only for a script.
const light =
  args.length === 0 ||
  args.some((a) => a === "--help" || a === "-h" || a === "--version") ||
  args[0] === "help" ||
  args[0] === "completion" ||
  // Asked at every Tab: completing needs the parser only, and must not make the command's code cache.
  args[0] === "--get-yargs-completions";

if (light) {
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
