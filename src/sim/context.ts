import type { World } from "./world.js";

/** Who is calling: read from the request's SigV4 credential scope when there is one. */
export interface Caller {
  accessKeyId: string;
  userName: string;
  userAgent: string;
  sourceIp: string;
}

/** What every operation handler gets: the world to read or change, and the simulated time. */
export interface OpContext {
  world: World;
  now: number;
  caller: Caller;
  requestId: string;
  /** The Regions the caller's account has enabled (EC2 DescribeRegions); absent: the world's own. */
  enabledRegions?: () => string[];
}

export const DEFAULT_CALLER: Caller = {
  accessKeyId: "AKIAIOSFODNN7EXAMPLE",
  userName: "kcs-operator",
  userAgent: "kcs",
  sourceIp: "198.51.100.10",
};
