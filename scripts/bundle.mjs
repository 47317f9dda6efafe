// Bundles the compiled CLI so `kcs` starts in about half the time: resolving and parsing the AWS SDK's
// hundreds of small modules is most of a cold start. Dynamic imports become separate chunks, so
// `kcs --help` still loads no SDK at all.
import { build } from "esbuild";

await build({
  entryPoints: ["dist/cli/main.js"],
  outdir: "dist/bundle",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  logLevel: "warning",
  // Some bundled CommonJS dependencies call require(); ESM has none, so give each chunk one.
  banner: {
    js: "import { createRequire as __kcsRequire } from 'node:module'; const require = __kcsRequire(import.meta.url);",
  },
});
