/** Keys to describe from which a doctor's heap is worth keeping small (a cold doctor never gets there). */
export const MANY_KEYS = 2_000;

/** How much V8 may grow the heap after a full collection, in percent (its own choice is often 100-300%). */
const GROWING_PERCENT = 20;

let asked = false;

/**
 * Describing tens of thousands of keys allocates a little per call and keeps almost nothing, but the
 * SDK's requests in flight outlive a young-generation collection or two and are promoted: V8 then
 * lets the old generation grow to several times what is live before collecting it (peak RSS 242 MB
 * at 100,000 keys, about 40 MB live). Capping its growth factor keeps the heap near what is live
 * (162 MB) for a few percent more collection time. V8 reads this flag at each full collection, so it
 * takes effect while running; it is the one flag kcs sets, and only for big accounts.
 */
export function preferSmallHeap(set: (flags: string) => void = setV8Flags): void {
  if (asked) return;
  asked = true;
  set(`--heap-growing-percent=${GROWING_PERCENT}`);
}

/** node:v8 is loaded only here: every cold start would otherwise load it for the few runs that need it. */
function setV8Flags(flags: string): void {
  void import("node:v8").then((v8) => v8.setFlagsFromString(flags));
}
