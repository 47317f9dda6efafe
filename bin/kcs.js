#!/usr/bin/env node
// CommonJS (bin/package.json says so): an ES module entry would start Node's ES module loader, about
// 8 ms of every run, and nothing kcs runs needs it (src/cli/launch.ts).
"use strict";

// Decided here, once: kcs supports Node 20 deliberately, so the SDK's Node-version notice is noise.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

const args = process.argv.slice(2);

if (args.length === 1 && args[0] === "--version") {
  // The version alone needs none of kcs: not the parser, not its words (yargs prints the same line).
  process.stdout.write(`${require("../package.json").version}\n`);
} else {
  const { join } = require("node:path");
  const dir = join(__dirname, "..", "dist", "bundle-cjs");
  require(join(dir, "launch.cjs"))
    .launch(args, dir)
    .catch((err) => {
      // main() reports every failure itself: this is kcs failing to start.
      process.stderr.write(`kcs: ${err?.stack ?? err}\n`);
      process.exitCode = 1;
    });
}
