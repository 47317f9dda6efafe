// `node --import ./dist-bench/bench/record-loads.js bin/kcs.js ...`: notes every module file the
// command loads (one path a line, in KCS_BENCH_LOADS), so the bench can count the bundle bytes each
// command reads. The hooks run on Node's loader thread (module.register, Node 20.6+).
import { register } from "node:module";

register("./record-loads-hooks.js", import.meta.url);
