import { EventEmitter } from "node:events";
import { afterEach, describe, expect, it, vi } from "vitest";
import { holdTypeAhead } from "../../src/cli/secret-input.js";

/** A terminal's stdin as holdTypeAhead sees it: raw mode, data events, pause and resume. */
function fakeTty() {
  const raw: boolean[] = [];
  const tty = Object.assign(new EventEmitter(), {
    isTTY: true,
    setRawMode: (on: boolean) => {
      raw.push(on);
      return tty;
    },
    resume: () => tty,
    pause: () => tty,
  });
  return { tty: tty as unknown as NodeJS.ReadStream, raw };
}

describe("holdTypeAhead: no echo of what is typed before the password prompt (issue 9)", () => {
  afterEach(() => vi.restoreAllMocks());

  it("turns echo off at once and drops what is typed meanwhile", () => {
    const { tty, raw } = fakeTty();
    const release = holdTypeAhead(tty);
    expect(raw).toEqual([true]);
    expect(tty.listenerCount("data")).toBe(1);
    tty.emit("data", Buffer.from("Typ3dTooEarly\r"));
    release();
    expect(raw).toEqual([true, false]);
    expect(tty.listenerCount("data")).toBe(0);
  });

  it("leaves echo off when the hidden prompt follows at once", () => {
    const { tty, raw } = fakeTty();
    holdTypeAhead(tty)("prompt");
    expect(raw).toEqual([true]);
  });

  it("Ctrl-C still interrupts while echo is off", () => {
    const { tty } = fakeTty();
    const kill = vi.spyOn(process, "kill").mockImplementation(() => true);
    holdTypeAhead(tty);
    tty.emit("data", Buffer.from("ab\u0003"));
    expect(kill).toHaveBeenCalledWith(process.pid, "SIGINT");
  });

  it("does nothing when stdin is not a terminal", () => {
    const { tty, raw } = fakeTty();
    (tty as { isTTY: boolean }).isTTY = false;
    holdTypeAhead(tty)();
    expect(raw).toEqual([]);
  });
});
