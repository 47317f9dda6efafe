import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
} from "node:fs";
import { createRequire } from "node:module";
import { homedir } from "node:os";
import { dirname, join, parse, resolve } from "node:path";
import * as vm from "node:vm";
import { PRIVATE_DIR, writeFileAtomic } from "../core/private-files.js";
import { pruneCodeCaches } from "./code-cache-prune.js";

/**
 * V8's compiled code for kcs, kept between runs. Node 20 has no compile cache for ES modules, and
 * compiling the bundle was most of a cold `kcs doctor`; a script (vm.Script) can be given the code
 * V8 compiled for it last time. One cache per command, made after that command's first run, so it
 * holds what the command ran and nothing else.
 *
 * Compiled code is code: a cache someone else could write would run as the user. So a cache lives
 * only in a folder the user owns that nobody else can write, reached through folders nobody else can
 * swap (owned by the user or root, and not writable by others unless sticky, as /tmp is); anything
 * else and kcs runs without one. KCS_NO_COMPILE_CACHE=1 turns it off.
 */

/** A cache bigger than this is not kcs's (today's largest is about 4 MB). */
const MAX_CACHE_BYTES = 64 * 1024 * 1024;

/** Where the user's caches go: KCS_CODE_CACHE_DIR, else the platform's per-user cache folder. */
export function codeCacheBase(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string | undefined {
  if (env.KCS_NO_COMPILE_CACHE) return undefined;
  if (env.KCS_CODE_CACHE_DIR) return resolve(env.KCS_CODE_CACHE_DIR);
  if (platform === "win32") return env.LOCALAPPDATA ? join(env.LOCALAPPDATA, "kcs", "code-cache") : undefined;
  if (platform === "darwin") return home ? join(home, "Library", "Caches", "kcs", "code-cache") : undefined;
  // XDG: a relative XDG_CACHE_HOME is to be ignored.
  const xdg = env.XDG_CACHE_HOME;
  if (xdg?.startsWith("/")) return join(xdg, "kcs", "code-cache");
  return home ? join(home, ".cache", "kcs", "code-cache") : undefined;
}

const uid = () => process.getuid?.();

/**
 * True when `dir` and every folder above it are as described above. On a system without user ids
 * (Windows) the per-user folder's own permissions are what protect it.
 */
export function isTrustedDir(dir: string, me: number | undefined = uid()): boolean {
  if (me === undefined) return true;
  const root = parse(dir).root;
  let first = true;
  for (let d = dir; ; d = dirname(d)) {
    let st: ReturnType<typeof lstatSync>;
    try {
      st = lstatSync(d);
    } catch {
      return false;
    }
    if (!st.isDirectory()) return false;
    if (st.uid !== me && st.uid !== 0) return false;
    const othersWrite = (st.mode & 0o022) !== 0;
    // The cache folder itself must be private; a folder above may be shared if sticky (/tmp).
    if (othersWrite && (first || (st.mode & 0o1000) === 0)) return false;
    first = false;
    if (d === root) return true;
  }
}

/**
 * The global flags that take a value (src/cli/main.ts's globalOptions(); a test keeps the two in step):
 * their value, which may come before the command, is not a word of it.
 */
export const VALUED_GLOBALS = new Set([
  "--backend",
  "--sim-state",
  "--region",
  "--profile",
  "--endpoint-url",
  "--request-timeout",
  "--output",
  "-o",
  "--lang",
]);

/** kcs's commands: the first of these on the command line is the command. */
const COMMANDS = new Set(["doctor", "fix", "runbooks", "sim", "completion"]);

/**
 * The cache's name for this command line: its command (and the simulator's subcommand), and the
 * backend when it is AWS, so that `kcs doctor` on the simulator, `kcs doctor --backend aws` and
 * `kcs sim status` each keep what they run (a cache holds the code its first run compiled; the
 * simulator's would leave an AWS run compiling its HTTP path every time). Anything unexpected shares
 * "other".
 */
export function commandKey(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): string {
  const words = argv.filter((a, i) => !a.startsWith("-") && !VALUED_GLOBALS.has(argv[i - 1] ?? ""));
  const at = words.findIndex((w) => COMMANDS.has(w));
  if (at < 0) return "other";
  const take = words[at] === "sim" ? words.slice(at, at + 2) : [words[at]!];
  const flag = argv.findIndex((a) => a === "--backend" || a.startsWith("--backend="));
  const backend =
    flag < 0 ? env.KCS_BACKEND : argv[flag]!.includes("=") ? argv[flag]!.slice(10) : argv[flag + 1];
  if (backend === "aws" && take[0] !== "sim") take.push("aws");
  const key = take.join("-");
  return /^[a-z]{1,16}(-[a-z]{1,16})?$/.test(key) ? key : "other";
}

/** The cache file's bytes, if it is a regular file of ours that nobody else can write. */
function readCache(path: string): Buffer | undefined {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  } catch {
    return undefined;
  }
  try {
    const st = fstatSync(fd);
    const me = uid();
    if (!st.isFile() || st.size > MAX_CACHE_BYTES || (me !== undefined && st.uid !== me)) return undefined;
    if ((st.mode & 0o022) !== 0) return undefined;
    return readWhole(fd, st.size);
  } finally {
    closeSync(fd);
  }
}

/**
 * One buffer for every file loadBundle reads, each read into it in turn: memory touched for the first
 * time costs more than reading into it (page faults, about 5 ms a MB on the VMs kcs is measured on),
 * and a doctor reads two scripts and their caches, 4 MB in all. Nothing keeps a view of it: V8
 * copies a script's source into a string and reads its cache while vm.Script compiles.
 */
let scratch = Buffer.alloc(0);

/** `size` bytes of an open file, from its start, in the scratch buffer; undefined if it ends first. */
function readWhole(fd: number, size: number): Buffer | undefined {
  // Never zero-filled: every byte of what is returned is read first.
  if (scratch.length < size) scratch = Buffer.allocUnsafe(size);
  for (let at = 0; at < size; ) {
    const n = readSync(fd, scratch, at, size - at, at);
    if (n === 0) return undefined;
    at += n;
  }
  return scratch.subarray(0, size);
}

/**
 * A script's source. ASCII (scripts/bundle.mjs refuses to write anything else), so latin1 reads it
 * right at half utf8's cost: no decoding, straight into a one-byte string.
 */
function readSource(path: string): string {
  const fd = openSync(path, constants.O_RDONLY);
  try {
    const size = fstatSync(fd).size;
    const bytes = readWhole(fd, size);
    if (!bytes) throw new Error(`${path} ended while it was read: reinstall kcs`);
    return bytes.toString("latin1");
  } finally {
    closeSync(fd);
  }
}

/** A short, stable name for a path (not a defence: the folder's permissions are that). */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, "0");
}

export interface BundleEntry {
  main(): Promise<void>;
}

export interface LoadedBundle<T = BundleEntry> {
  entry: T;
  /** "accepted": V8 used the cache; "made": none was usable and one is written at exit; "off": no trusted folder. */
  cache: "accepted" | "made" | "off";
}

/** How a bundle names a script kept apart from it (scripts/bundle.mjs: `./ec2.cjs`), beside it. */
const SCRIPT_APART = /^\.\/[a-z0-9-]+\.cjs$/;

/**
 * The require a bundle runs with: Node's, but a script apart is run as the bundle is, with V8's
 * compiled code from the command's last run that needed it, and once.
 */
function requireFor(bundle: string, argv: readonly string[], base: string | undefined): NodeJS.Require {
  const node = createRequire(bundle);
  const apart = new Map<string, unknown>();
  const require = (id: string): unknown => {
    if (!SCRIPT_APART.test(id)) return node(id);
    if (!apart.has(id)) apart.set(id, loadBundle<unknown>(join(dirname(bundle), id), argv, base).entry);
    return apart.get(id);
  };
  return Object.assign(require, node);
}

/**
 * Runs the CommonJS bundle at `bundle` (scripts/bundle.mjs writes it and `${bundle}.json`, its
 * digest) with the cache for `argv`'s command, and returns its exports.
 */
export function loadBundle<T = BundleEntry>(
  bundle: string,
  argv: readonly string[],
  base = codeCacheBase(),
): LoadedBundle<T> {
  const source = readSource(bundle);
  let cacheFile: string | undefined;
  if (base) {
    try {
      const { sha256 } = JSON.parse(readFileSync(`${bundle}.json`, "utf8")) as { sha256?: unknown };
      if (typeof sha256 === "string" && /^[0-9a-f]{64}$/.test(sha256)) {
        // The path too: V8 keeps the script's name in its cache, and stack traces should name this copy.
        const dir = join(base, `${sha256.slice(0, 20)}-${fnv1a(bundle)}-${process.version}-${process.arch}`);
        mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR });
        if (isTrustedDir(dir)) cacheFile = join(dir, `${commandKey(argv)}.bin`);
      }
    } catch {
      // No digest, or a folder that cannot be made: run without a cache.
    }
  }
  const cachedData = cacheFile ? readCache(cacheFile) : undefined;
  // The script is written as a function of CommonJS's five names already (scripts/bundle.mjs): wrapping
  // it here copied 1.5 MB into a new string on every run.
  const script = new vm.Script(source, {
    filename: bundle,
    ...(cachedData ? { cachedData } : {}),
  });
  const accepted = cachedData !== undefined && !script.cachedDataRejected;
  if (cacheFile && !accepted) {
    const file = cacheFile;
    // At exit, V8 has compiled every function the command ran: that is the cache worth keeping. A run
    // that failed (a usage error, a refusal) or was interrupted compiled little of its command, and
    // its cache would be kept for good: the next run that gets further makes it instead.
    process.once("exit", (code) => {
      if (code === 1 || code === 130) return;
      try {
        writeFileAtomic(file, script.createCachedData(), undefined, { durable: false });
        pruneCodeCaches(dirname(file));
      } catch {
        // A cache that cannot be written costs the next run its speed, nothing else.
      }
    });
  }
  const module = { exports: {} as T };
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper(module.exports, requireFor(bundle, argv, base), module, bundle, dirname(bundle));
  return { entry: module.exports, cache: !cacheFile ? "off" : accepted ? "accepted" : "made" };
}
