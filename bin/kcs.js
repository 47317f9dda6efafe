#!/usr/bin/env node
// Decided here, once: kcs supports Node 20 deliberately, so the SDK's Node-version notice is noise.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
// Node 22.1+ keeps V8's compiled code between runs (in the OS temp folder); Node 20 has no such cache
// and simply goes on without one.
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
