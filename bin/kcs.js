#!/usr/bin/env node
// Decided here, once: kcs supports Node 20 deliberately, so the SDK's Node-version notice is noise.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
const { main } = await import("../dist/bundle/main.js");
await main();
