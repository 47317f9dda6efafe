// Bundles the compiled CLI so `kcs` starts in about half the time: resolving and parsing the AWS SDK's
// hundreds of small modules is most of a cold start. Dynamic imports become separate chunks, so
// `kcs --help` still loads no SDK at all.
import { readFileSync, rmSync } from "node:fs";
import { build } from "esbuild";

// Chunk names change with their content: old ones would pile up beside the new.
rmSync("dist/bundle", { recursive: true, force: true });

/**
 * yargs looks for a package.json upwards from its own folder, or, once bundled (no node_modules in its
 * path), from the current directory: a cold start then lists every directory up to / (40 ms in a
 * /tmp of 17,000 entries). Bundled, its folder is dist/bundle, two below kcs's own package.json.
 */
const yargsFindsOurPackage = {
  name: "yargs-finds-our-package",
  setup(b) {
    b.onLoad({ filter: /yargs[\\/]lib[\\/]platform-shims[\\/]esm\.mjs$/ }, (args) => {
      const source = readFileSync(args.path, "utf8");
      const from = "mainFilename: mainFilename || process.cwd(),";
      if (!source.includes(from))
        throw new Error(`yargs' ESM shim changed: ${args.path} no longer has '${from}'`);
      return {
        contents: source.replace(
          from,
          'mainFilename: fileURLToPath(new URL("../../package.json", import.meta.url)),',
        ),
        loader: "js",
      };
    });
  },
};

/**
 * AWS's API models (src/sim/model/aws/*.json, 155 KB) as a JSON.parse of one string: V8 reads JSON
 * several times faster than the same data written as a JavaScript object literal.
 */
const modelsAsJsonText = {
  name: "models-as-json-text",
  setup(b) {
    b.onLoad({ filter: /[\\/]sim[\\/]model[\\/]aws[\\/][a-z0-9-]+\.json$/ }, (args) => ({
      contents: `export default JSON.parse(${JSON.stringify(readFileSync(args.path, "utf8"))});`,
      loader: "js",
    }));
  },
};

await build({
  entryPoints: ["dist/cli/main.js"],
  outdir: "dist/bundle",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  logLevel: "warning",
  plugins: [yargsFindsOurPackage, modelsAsJsonText],
  // The SDK's ES module builds, not its CommonJS ones: they tree-shake, and they need no require shim
  // run at load time.
  mainFields: ["module", "main"],
  // Less to parse on every start; names stay, so a --debug stack trace still reads.
  minifyWhitespace: true,
  minifySyntax: true,
  // See src/cli/display-width.ts: string-width's load-time regexes are most of a cold --version.
  alias: { "string-width": "./dist/cli/display-width.js" },
  // Some bundled CommonJS dependencies call require(); ESM has none, so give each chunk one.
  banner: {
    js: "import { createRequire as __kcsRequire } from 'node:module'; const require = __kcsRequire(import.meta.url);",
  },
});
