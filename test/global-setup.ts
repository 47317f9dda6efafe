import { execFileSync } from "node:child_process";

/** e2e tests spawn the built CLI: build it (compile, then bundle) first, so they never test a stale dist/. */
export default function setup(): void {
  execFileSync(process.execPath, ["node_modules/typescript/bin/tsc", "-p", "tsconfig.build.json"], {
    stdio: "inherit",
  });
  execFileSync(process.execPath, ["scripts/bundle.mjs"], { stdio: "inherit" });
}
