import { chmodSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ensurePrivateDir } from "../../src/core/files.js";
import { creatableProblem, folderProblem } from "../../src/core/writable.js";
import { tempDir } from "../helpers/cli.js";

describe("folderProblem and creatableProblem", () => {
  it("a folder kcs can write in has no problem", () => {
    expect(folderProblem(tempDir())).toBeUndefined();
  });

  it("a missing folder does not exist, but can be made in a writable parent", () => {
    const missing = join(tempDir(), "a", "b");
    expect(folderProblem(missing)).toBe("it does not exist");
    expect(creatableProblem(missing)).toBeUndefined();
  });

  it("a file where a folder should be is not a folder, and nothing can be made under it", () => {
    const file = join(tempDir(), "f");
    writeFileSync(file, "x");
    expect(folderProblem(file)).toBe("it is not a folder");
    expect(creatableProblem(join(file, "sub"))).toBe("a part of its path is a file, not a folder");
  });

  it.skipIf(process.getuid?.() === 0)("a read-only folder is refused (root writes anyway)", () => {
    const dir = tempDir();
    chmodSync(dir, 0o500);
    expect(folderProblem(dir)).toBe("permission denied");
    expect(creatableProblem(join(dir, ".kcs"))).toMatch(/permission denied/);
    chmodSync(dir, 0o700);
  });
});

describe("ensurePrivateDir", () => {
  it("makes a missing folder 0700", () => {
    const dir = join(tempDir(), "state");
    ensurePrivateDir(dir);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });

  it("leaves the mode of an existing folder the operator named (it may be /tmp, or /)", () => {
    const dir = join(tempDir(), "shared");
    mkdirSync(dir, { mode: 0o755 });
    chmodSync(dir, 0o755);
    ensurePrivateDir(dir);
    expect(statSync(dir).mode & 0o777).toBe(0o755);
  });

  it("narrows kcs's own .kcs state folder", () => {
    const dir = join(tempDir(), ".kcs");
    mkdirSync(dir);
    chmodSync(dir, 0o755);
    ensurePrivateDir(dir);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });
});
