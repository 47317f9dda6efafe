import type { SimClockState } from "./world.js";

/** Simulated time, in epoch milliseconds. */
export interface Clock {
  now(): number;
}

/** Tests move time by hand: no test ever sleeps for simulated minutes. */
export class VirtualClock implements Clock {
  constructor(private t = Date.parse("2026-11-28T12:00:00Z")) {}
  now(): number {
    return this.t;
  }
  advance(ms: number): void {
    this.t += ms;
  }
  set(ms: number): void {
    this.t = ms;
  }
}

/**
 * The persisted world's clock: wall time scaled up, so that a connect that takes minutes on AWS takes
 * about a second in a demo. `offsetMs` lets `kcs sim advance` jump ahead.
 */
export class ScaledWallClock implements Clock {
  constructor(
    private readonly state: SimClockState,
    private readonly wallNow: () => number = Date.now,
  ) {}
  now(): number {
    return Math.floor(this.state.simAnchorMs + (this.wallNow() - this.state.wallAnchorMs) * this.state.scale);
  }
}

/** Default speed-up of persisted worlds: 1 real second = 2 simulated minutes. */
export const DEFAULT_TIME_SCALE = 120;

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** How long things take in simulated time (AWS documents up to 20 min for a connect). */
export const DURATIONS = {
  connect: 2 * MINUTE,
  disconnect: 20 * SECOND,
  clusterCreate: 5 * MINUTE,
  clusterDelete: 2 * MINUTE,
  /** InitializeCluster: INITIALIZE_IN_PROGRESS until the HSMs have taken the signed certificate. */
  clusterInitialize: 3 * MINUTE,
  hsmCreate: 8 * MINUTE,
  hsmDelete: 2 * MINUTE,
  backup: 1 * MINUTE,
  /** CloudHSM backs every active cluster up at least once every 24 hours. */
  backupPeriod: 1 * DAY,
  /** A backup marked for deletion can be restored for 7 days, then it is gone. */
  backupDeletionHold: 7 * DAY,
  /** A key whose backing key is gone reads Enabled this long before KMS shows it Unavailable. */
  materialLossNotice: 30 * MINUTE,
  /** CloudTrail shows an event in its event history minutes after the call (about 5 on average). */
  trailDelivery: 5 * MINUTE,
  /** Deleted clusters stay visible (State DELETED) in DescribeClusters for this long. */
  deletedClusterVisible: 1 * DAY,
  /** CloudTrail keeps management events this long. */
  trailRetention: 90 * DAY,
} as const;
