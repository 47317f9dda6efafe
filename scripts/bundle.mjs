// Bundles the compiled CLI so `kcs` starts in about half the time: resolving and parsing the AWS SDK's
// hundreds of small modules is most of a cold start. Scripts: all of kcs but the libraries only some
// runs use (the scripts apart, each its own), the help bundle that `kcs --help` and completion run, and
// the launcher that picks one.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { build } from "esbuild";

// dist/bundle held ES module chunks until the help bundle replaced them: a build over an old one removes it.
rmSync("dist/bundle", { recursive: true, force: true });
rmSync("dist/bundle-cjs", { recursive: true, force: true });

/**
 * Two changes to yargs' platform shim (esbuild lets one plugin load a file):
 * - yargs looks for a package.json upwards from its own folder, or, once bundled (no node_modules in
 *   its path), from the current directory: a cold start then lists every directory up to / (40 ms in
 *   a /tmp of 17,000 entries). Bundled, its folder is dist/bundle-cjs, two below kcs's own package.json.
 * - it imports Node's assert (3-5 ms to load) for two internal checks that pass on every run: assert
 *   is loaded only when one fails, through the require the shim already has.
 */
const YARGS_SHIM_EDITS = [
  [
    "mainFilename: mainFilename || process.cwd(),",
    'mainFilename: fileURLToPath(new URL("../../package.json", import.meta.url)),',
  ],
  [
    "import { notStrictEqual, strictEqual } from 'assert'",
    // assert's own comparison (Object.is); assert makes the error when one fails.
    "const notStrictEqual = (a, b, m) => { if (Object.is(a, b)) require('assert').notStrictEqual(a, b, m); };\n" +
      "const strictEqual = (a, b, m) => { if (!Object.is(a, b)) require('assert').strictEqual(a, b, m); };",
  ],
];
const yargsFindsOurPackage = {
  name: "yargs-platform-shim",
  setup(b) {
    b.onLoad({ filter: /yargs[\\/]lib[\\/]platform-shims[\\/]esm\.mjs$/ }, (args) => {
      let source = readFileSync(args.path, "utf8");
      for (const [from, to] of YARGS_SHIM_EDITS) {
        if (!source.includes(from))
          throw new Error(`yargs' ESM shim changed: ${args.path} no longer has '${from}'`);
        source = source.replace(from, to);
      }
      return { contents: source, loader: "js" };
    });
  },
};

/**
 * yargs renders a command's whole help text (cliui, wrap-ansi, strip-ansi: 5-10 ms) each time it runs
 * the command's handler, in case the handler later asks for it. kcs's handlers never do (a failure is
 * one line, not the help), so every run paid for text nobody saw; yargs renders help when it is shown.
 */
const yargsHelpOnlyWhenShown = {
  name: "yargs-help-only-when-shown",
  setup(b) {
    b.onLoad({ filter: /yargs[\\/]build[\\/]lib[\\/]command\.js$/ }, (args) => {
      const source = readFileSync(args.path, "utf8");
      const from = "yargs.getInternalMethods().getUsageInstance().cacheHelpMessage();";
      if (!source.includes(from))
        throw new Error(`yargs' command.js changed: ${args.path} no longer has '${from}'`);
      return { contents: source.replace(from, ""), loader: "js" };
    });
  },
};

/**
 * AWS's API models (src/sim/model/aws/*.json, 155 KB) as a JSON.parse of one string: V8 reads JSON
 * several times faster than the same data written as a JavaScript object literal. They are converted
 * to the form the simulator reads here, once, rather than on every start (src/sim/model/shapes.ts),
 * and parsed on first use (the model's `lazyModel`): a doctor of a healthy store sends EC2 nothing,
 * and parsing all four at load cost every simulated run 5-6 ms and their garbage.
 */
const { load: modelForRuntime } = await import(resolve("dist/sim/model/shapes.js"));
const { OPERATIONS } = await import(resolve("dist/sim/operations.js"));

/**
 * A model cut to the operations the simulator serves and the shapes they reach: it answers any other
 * with UnknownOperationException before a model is looked at, and a doctor parsed CloudTrail's 60
 * operations (71 KB) for the 5 it serves. The unbundled sources (the tests) keep the whole models.
 */
function servedOnly(model) {
  const served = OPERATIONS[model.service];
  if (!served || Object.keys(served).length === 0)
    throw new Error(`the simulator serves nothing of ${model.service}`);
  const operations = Object.fromEntries(Object.entries(model.operations).filter(([name]) => name in served));
  const missing = Object.keys(served).filter((name) => !(name in operations));
  if (missing.length)
    throw new Error(`${model.service}'s model lacks served operations: ${missing.join(", ")}`);
  const kept = new Set();
  const visit = (name) => {
    if (!name || kept.has(name)) return;
    kept.add(name);
    const shape = model.shapes[name];
    if (!shape) throw new Error(`${model.service}'s model names a shape it lacks: ${name}`);
    for (const target of Object.values(shape.members ?? {})) visit(target);
    for (const target of [shape.member, shape.key, shape.value]) visit(target);
  };
  for (const op of Object.values(operations))
    for (const name of [op.input, op.output, ...op.errors]) visit(name);
  const shapes = Object.fromEntries(Object.entries(model.shapes).filter(([name]) => kept.has(name)));
  return { ...model, operations, shapes };
}

const modelsAsJsonText = {
  name: "models-as-json-text",
  setup(b) {
    b.onLoad({ filter: /[\\/]sim[\\/]model[\\/]aws[\\/][a-z0-9-]+\.json$/ }, (args) => {
      const full = modelForRuntime(JSON.parse(readFileSync(args.path, "utf8")));
      const model = { ...servedOnly(full), runtime: true };
      return {
        contents: `let parsed; export default { lazyModel: () => (parsed ??= JSON.parse(${JSON.stringify(JSON.stringify(model))})) };`,
        loader: "js",
      };
    });
  },
};

/**
 * The SDK clients' runtime configs import the default credential chain (SSO, STS, IMDS, ini files)
 * at load, though a simulated run never asks for a credential: src/backend/lazy-credential-provider.ts
 * loads it on first use instead.
 */
const lazyCredentialChain = {
  name: "lazy-credential-chain",
  setup(b) {
    b.onResolve({ filter: /^@aws-sdk\/credential-provider-node$/ }, (args) =>
      /[\\/]dist-es[\\/]runtimeConfig\.js$/.test(args.importer)
        ? { path: resolve("dist/backend/lazy-credential-provider.js") }
        : undefined,
    );
  },
};

/**
 * CloudHSM v2 3.332.0 (the only version the registry has) brings its own generation of SDK helpers,
 * two of which load at start what a simulated run never uses: its STS client, to decorate the
 * credential chain (src/backend/lazy-sts-decorator.ts), and the instance metadata client, which loads
 * Node's http, for defaultsMode "auto" (src/backend/lazy-imds.ts). Each import is pointed at a shim
 * that loads the very copy the importer named on first use.
 */
const OLD_GENERATION_LAZY = [
  {
    specifier: "@aws-sdk/client-sts",
    importer: /client-cloudhsm-v2[\\/]dist-es[\\/]runtimeConfig\.js$/,
    shim: "dist/backend/lazy-sts-decorator.js",
  },
  {
    specifier: "@aws-sdk/credential-provider-imds",
    importer: /util-defaults-mode-node[\\/]dist-es[\\/]resolveDefaultsModeConfig\.js$/,
    shim: "dist/backend/lazy-imds.js",
  },
  // Not the old generation's, but the same kind: the shared config file loader of both generations.
  {
    specifier: "node:fs/promises",
    importer: /shared-ini-file-loader[\\/](getSSOTokenFromFile|readFile)\.js$/,
    shim: "dist/backend/lazy-fs-promises.js",
  },
  // The old generation's loader (3.329) takes fs.promises from "fs" at load, which loads it all the same.
  {
    specifier: "fs",
    importer: /@aws-sdk[\\/]shared-ini-file-loader[\\/]dist-es[\\/](getSSOTokenFromFile|slurpFile)\.js$/,
    shim: "dist/backend/lazy-fs-promises.js",
  },
];
const lazyOldGeneration = {
  name: "lazy-old-generation",
  setup(b) {
    const real = new Map();
    for (const { specifier, importer, shim } of OLD_GENERATION_LAZY) {
      const filter = new RegExp(`^${specifier.replace(/[/.-]/g, "\\$&")}$`);
      b.onResolve({ filter }, async (args) => {
        if (importer.test(args.importer)) {
          const found = await b.resolve(args.path, { resolveDir: args.resolveDir, kind: args.kind });
          if (found.errors.length) throw new Error(`${args.importer} no longer finds ${specifier}`);
          real.set(`${shim} ${specifier}`, { path: found.path, external: found.external });
          return { path: resolve(shim) };
        }
        // A shim may stand in for two specifiers (lazy-fs-promises: "node:fs/promises" and "fs"): what
        // it imports itself is the one it loads.
        if (args.importer === resolve(shim)) {
          const found = real.get(`${shim} ${specifier}`);
          // Node's own module is the same whoever imports it.
          if (!found && specifier.startsWith("node:")) return undefined;
          if (!found) throw new Error(`${shim} was reached before the module it stands in for`);
          return found;
        }
        return undefined;
      });
    }
  },
};

/**
 * The SDK clients' runtime configs take only Sha256 from @smithy/core/checksum, whose index also starts
 * the CRC32 (loading Node's zlib), MD5 and stream hashers kcs never uses: they get the one module.
 */
const sha256Only = {
  name: "sha256-only",
  setup(b) {
    b.onResolve({ filter: /^@smithy\/core\/checksum$/ }, async (args) => {
      if (!/[\\/]runtimeConfig\.shared\.js$/.test(args.importer)) return undefined;
      const index = await b.resolve(args.path, { resolveDir: args.resolveDir, kind: args.kind });
      const sha256 = index.path.replace(/checksum[\\/]index\.js$/, "checksum/sha256/Sha256Node.js");
      if (index.errors.length || sha256 === index.path || !existsSync(sha256))
        throw new Error(`@smithy/core/checksum moved: ${index.path}`);
      return { path: sha256, namespace: "kcs-sha256-only" };
    });
    b.onLoad({ filter: /.*/, namespace: "kcs-sha256-only" }, (args) => ({
      contents: `export { Sha256Node as Sha256 } from ${JSON.stringify(args.path)};`,
      resolveDir: dirname(args.path),
      loader: "js",
    }));
  },
};

/**
 * The same runtime configs import the Node HTTP handler, which loads Node's http, https, tls and net
 * (about 10 ms of a cold start) though kcs always gives the clients a handler, and a simulated run's
 * goes to the simulator in process: src/backend/sdk-http-handler.ts loads it on first request.
 */
const lazyHttpHandler = {
  name: "lazy-http-handler",
  setup(b) {
    b.onResolve({ filter: /^@(smithy|aws-sdk)\/node-http-handler$/ }, (args) =>
      /[\\/]dist-es[\\/]runtimeConfig\.js$/.test(args.importer)
        ? { path: resolve("dist/backend/sdk-http-handler.js") }
        : undefined,
    );
    // The handler itself, not the package's index: that also starts its HTTP/2 handler, which loads
    // Node's http2 (about 5 ms of every run on AWS) for requests kcs always sends over HTTP/1.1.
    b.onResolve({ filter: /^@smithy\/node-http-handler$/ }, async (args) => {
      if (!/[\\/]dist[\\/]backend[\\/]lazy-http-handler\.js$/.test(args.importer)) return undefined;
      const index = await b.resolve(args.path, { resolveDir: args.resolveDir, kind: args.kind });
      const handler = index.path.replace(/index\.js$/, "node-http-handler.js");
      if (index.errors.length || handler === index.path || !existsSync(handler))
        throw new Error(`@smithy/node-http-handler moved: ${index.path}`);
      return { path: handler };
    });
  },
};

/**
 * The world file's schema, and with it zod, loads when a world is checked whole: most runs read a
 * world whose digest kcs checked or wrote (src/sim/persist.ts), and zod's own start cost each
 * simulated run 3-4 ms. persist.js's import of the schema becomes a function that requires it on
 * first call, which esbuild bundles as a module started there.
 */
const lazyWorldSchema = {
  name: "lazy-world-schema",
  setup(b) {
    b.onResolve({ filter: /^\.\/world-schema\.js$/ }, (args) =>
      /[\\/]sim[\\/]persist\.js$/.test(args.importer)
        ? { path: resolve(args.resolveDir, args.path), namespace: "kcs-lazy-world-schema" }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: "kcs-lazy-world-schema" }, (args) => ({
      contents: `export const worldFileSchema = () => require(${JSON.stringify(args.path)}).worldFileSchema();`,
      resolveDir: dirname(args.path),
      loader: "js",
    }));
  },
};

/**
 * The Japanese catalog stays out of both bundles: src/i18n/ja-catalog.ts resolves to ja-json.ts, which
 * reads dist/i18n/ja.json (written below from the compiled catalog) only on a Japanese run, so an
 * English run neither reads nor compiles a byte of it.
 */
const japaneseCatalogAsFile = {
  name: "japanese-catalog-as-file",
  setup(b) {
    b.onResolve({ filter: /^\.\/ja-catalog\.js$/ }, (args) =>
      /[\\/]i18n[\\/]index\.js$/.test(args.importer) ? { path: resolve("dist/i18n/ja-json.js") } : undefined,
    );
  },
};
const { ja } = await import(resolve("dist/i18n/ja/index.js"));
writeFileSync("dist/i18n/ja.json", JSON.stringify(ja));

const common = {
  entryPoints: ["dist/cli/main.js"],
  bundle: true,
  platform: "node",
  target: "node20",
  logLevel: "warning",
  plugins: [
    yargsFindsOurPackage,
    yargsHelpOnlyWhenShown,
    modelsAsJsonText,
    lazyCredentialChain,
    lazyHttpHandler,
    lazyOldGeneration,
    sha256Only,
    japaneseCatalogAsFile,
    lazyWorldSchema,
  ],
  // The SDK's ES module builds, not its CommonJS ones: they tree-shake, and they need no require shim
  // run at load time.
  mainFields: ["module", "main"],
  // Less to parse on every start; names stay, so a --debug stack trace still reads.
  minifyWhitespace: true,
  minifySyntax: true,
  // See src/cli/display-width.ts: string-width's load-time regexes are most of a cold --version.
  alias: { "string-width": "./dist/cli/display-width.js" },
};

/**
 * Leaves the commands' work out of the help bundle: every import() but those of the commands' own
 * modules (their flags) and the Japanese catalog becomes a module that stops the run before it does
 * anything (src/cli/full-program.ts), and src/cli/launch.ts runs the line in the whole of kcs instead.
 */
const helpOnly = {
  name: "help-only",
  setup(b) {
    const stop = resolve("dist/cli/full-program.js");
    b.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind !== "dynamic-import") return undefined;
      if (/[\\/]cli[\\/]commands[\\/]/.test(resolve(args.resolveDir, args.path))) return undefined;
      if (/[\\/]i18n[\\/]index\.js$/.test(args.importer)) return undefined;
      return { path: "stop", namespace: "kcs-full-program" };
    });
    b.onLoad({ filter: /.*/, namespace: "kcs-full-program" }, () => ({
      contents: `import { FullProgramNeeded } from ${JSON.stringify(stop)}; throw new FullProgramNeeded();`,
      resolveDir: dirname(stop),
      loader: "js",
    }));
  },
};

/**
 * Scripts apart: libraries only some runs use, each built from its own entry into a script kcs.cjs
 * requires on first use (src/cli/code-cache.ts runs it with a code cache of its own). Code a command
 * never runs still costs it: every run reads and decodes the whole script (about 7 ms a MB here), and
 * V8 keeps compiled code for never-run modules in every command's cache (the EC2 client's 2 MB of
 * models took 1.5 MB of each). Each holds its own copy of what it shares with kcs (the SDK's core),
 * which is why only self-contained libraries that kcs hands plain values are kept apart.
 */
const APART = [
  // A network read or --all-regions.
  { specifier: "@aws-sdk/client-ec2", entry: "dist/backend/apart-ec2.js", script: "ec2.cjs" },
  // A credential, which only a run on AWS asks for.
  {
    specifier: "@aws-sdk/credential-provider-node",
    entry: "dist/backend/apart-credential-chain.js",
    script: "credential-chain.cjs",
  },
  // A fleet: its assumed roles, and who each account is.
  {
    specifier: "@aws-sdk/credential-providers",
    entry: "dist/backend/apart-role-credentials.js",
    script: "role-credentials.cjs",
  },
  // Not CloudHSM v2's own STS client (src/backend/lazy-sts-decorator.ts), which is another version.
  {
    specifier: "@aws-sdk/client-sts",
    importer: /[\\/]dist[\\/]backend[\\/]fleet\.js$/,
    entry: "dist/backend/apart-sts.js",
    script: "sts.cjs",
  },
  // Every request to AWS or the simulator: one script for the three clients, each a member of it.
  { specifier: "@aws-sdk/client-kms", entry: "dist/backend/apart-sdk.js", script: "sdk.cjs", member: "kms" },
  {
    specifier: "@aws-sdk/client-cloudtrail",
    entry: "dist/backend/apart-sdk.js",
    script: "sdk.cjs",
    member: "cloudtrail",
  },
  {
    specifier: "@aws-sdk/client-cloudhsm-v2",
    entry: "dist/backend/apart-sdk.js",
    script: "sdk.cjs",
    member: "cloudhsm",
  },
  // kcs fix's live task list.
  { specifier: "listr2", entry: "dist/remediate/apart-listr2.js", script: "listr2.cjs" },
];
const scriptsApart = {
  name: "scripts-apart",
  setup(b) {
    const dist = resolve("dist");
    for (const { specifier, importer, entry, script, member } of APART) {
      const filter = new RegExp(`^${specifier.replace(/[/.-]/g, "\\$&")}$`);
      b.onResolve({ filter }, (args) => {
        // kcs's own imports only: the SDK's packages import one another, and keep their copies.
        if (!args.importer.startsWith(dist) || args.importer === resolve(entry)) return undefined;
        if (importer && !importer.test(args.importer)) return undefined;
        if (member) return { path: `${script}#${member}`, namespace: "kcs-apart-member" };
        return { path: `./${script}`, external: true };
      });
    }
    // A member of a script apart: what the script exports under that name.
    b.onLoad({ filter: /.*/, namespace: "kcs-apart-member" }, (args) => {
      const [script, member] = args.path.split("#");
      return { contents: `module.exports = require("./${script}").${member};`, loader: "js" };
    });
    b.onResolve({ filter: /^\.\/[a-z0-9-]+\.cjs$/ }, (args) =>
      args.namespace === "kcs-apart-member" ? { path: args.path, external: true } : undefined,
    );
  },
};

/**
 * kcs runs as scripts through src/cli/code-cache.ts: Node 20 can keep V8's compiled code between runs
 * only for a script (vm.Script's cachedData), not for ES modules, and compiling is most of a cold
 * start. Dynamic imports become functions run on first use.
 */
const SCRIPT_WRAPPER = "(function (exports, require, module, __filename, __dirname) {";
async function script(entry, outfile, plugins = []) {
  await build({
    ...common,
    entryPoints: [entry],
    plugins: [...common.plugins, ...plugins],
    outfile,
    format: "cjs",
    // import() of Node's own modules would stay import(), which a script run from V8's cache cannot
    // do on Node 20 (its dynamic-import callback is not restored): require() them instead.
    supported: { "dynamic-import": false },
    define: { "import.meta.url": "__kcsImportMetaUrl" },
    // A function of the five names Node gives a CommonJS module, which src/cli/code-cache.ts compiles
    // as it is and calls: wrapping it there copied the whole script into a new string on every run.
    banner: {
      js: `${SCRIPT_WRAPPER}const __kcsImportMetaUrl = require('node:url').pathToFileURL(__filename).href;`,
    },
    footer: { js: "})" },
  });
  // src/cli/code-cache.ts reads the script as latin1, which is right only for ASCII (esbuild's default
  // charset escapes everything else): a bundle that is not ASCII would run with mangled strings.
  const bytes = readFileSync(outfile);
  const nonAscii = bytes.findIndex((b) => b > 0x7f);
  if (nonAscii >= 0)
    throw new Error(`${outfile} has a non-ASCII byte at offset ${nonAscii}: keep esbuild's ASCII charset`);
  // V8 checks a cache against its script's length only: the content's digest names the cache instead.
  const digest = createHash("sha256").update(bytes).digest("hex");
  writeFileSync(`${outfile}.json`, JSON.stringify({ sha256: digest, bytes: bytes.length }));
}

// All of kcs, for every command that does something, but the scripts apart.
await script("dist/cli/main.js", "dist/bundle-cjs/kcs.cjs", [scriptsApart]);
// Built with the same table: a script apart requires the others it uses (the credential chain).
for (const [name, entry] of new Map(APART.map((a) => [a.script, a.entry])))
  await script(entry, `dist/bundle-cjs/${name}`, [scriptsApart]);
// Help, the version and completion (src/cli/light.ts).
await script("dist/cli/light.js", "dist/bundle-cjs/light.cjs", [helpOnly]);

/**
 * What bin/kcs.js requires first: which script a command line runs, and the code cache that runs it.
 * CommonJS, so that no run starts Node's ES module loader; bundled, so that it is one file to read.
 */
await build({
  entryPoints: ["dist/cli/launch.js"],
  bundle: true,
  platform: "node",
  target: "node20",
  logLevel: "warning",
  format: "cjs",
  outfile: "dist/bundle-cjs/launch.cjs",
  minifyWhitespace: true,
  minifySyntax: true,
});
