import { randomUUID } from "node:crypto";
import { appendFileSync } from "node:fs";
import { type Clock, ScaledWallClock } from "./clock.js";
import { callEvent, fileEvents, isRecorded, READ_EVENTS_KEPT } from "./cloudtrail/api-events.js";
import { type Caller, DEFAULT_CALLER, type OpContext } from "./context.js";
import { AwsError, awsError, SERVER_FAULTS, type ServiceName } from "./errors.js";
import type { Input } from "./input.js";
import { materialChanged } from "./kms/material-watch.js";
import { findKey } from "./lookup.js";
import { errorIsModelled, validateRequest } from "./model/validate.js";
import { findOperation } from "./operations.js";
import {
  enabledRegionsOf,
  type PartitionKey,
  PartitionStore,
  partitionOf,
  routeRequest,
  type SigningScope,
} from "./partitions.js";
import { QuotaBuckets } from "./quotas.js";
import { nextDueAt, settle } from "./settle.js";
import { DEFAULT_FAULTS, type TrailEvent, type World } from "./world.js";

/** Where the world lives: in memory for tests, or in a file shared by every `kcs` process. */
export interface WorldStore {
  /** Runs `fn` on the current world without changing it. */
  read<T>(fn: (world: World) => T): T;
  /** Runs `fn` and persists what it changed; if `fn` throws, nothing it did is kept. */
  update<T>(fn: (world: World) => T): T;
  /**
   * A number that changes whenever the world may have changed. A store that can promise it lets the
   * simulator skip re-checking the whole world for timed transitions on every call (a 100,000-key
   * world is otherwise scanned once per DescribeKey); one that cannot (tests edit worlds in place)
   * leaves it out.
   */
  generation?(): number;
  /**
   * Files CloudTrail events of reads somewhere cheaper than a rewrite of the world, which they join
   * with its next change (src/sim/reads-file.ts); a store without it files them with update().
   */
  appendReads?(events: readonly TrailEvent[]): void;
}

/** A fault for the next matching call only (tests use this; worlds carry persistent faults). */
export interface InjectedFault {
  service?: ServiceName;
  operation?: string;
  /** Answer with this exception instead of running the call (absent: answer as usual, after hangMs). */
  error?: { code: string; message?: string; status?: number };
  /** Hold the answer this long in real time first (a hung connection, to a client with a request timeout). */
  hangMs?: number;
  /** How many calls it applies to (default 1). */
  times?: number;
  /** Matching calls let through before it applies (default 0). */
  skip?: number;
  /** The call takes effect and then its answer is lost: the caller sees the error. */
  afterEffect?: boolean;
}

export interface SimulatorOptions {
  clock?: Clock;
  /** Real-time milliseconds for quota buckets (separate from simulated time). */
  quotaClock?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Append every call, as one JSON line, to this file (secrets redacted): how CLI tests see what kcs called. */
  callLog?: string;
  /**
   * Tests: an error the operation's model does not list (nor AWS's common errors) is a simulator
   * bug, and fails the call loudly instead of reaching kcs as if AWS could send it.
   */
  strictErrors?: boolean;
  /** Sees every successful answer (tests check each against the operation's output shape). */
  onAnswer?: (service: ServiceName, operation: string, output: Record<string, unknown>) => void;
  /** The Regions the caller's account has enabled (EC2 DescribeRegions); absent: the world's own. */
  enabledRegions?: () => string[];
}

export interface CallMeta {
  caller?: Partial<Caller>;
  requestId?: string;
  /**
   * A call by someone other than kcs (a person in the console, `kcs sim act`): the world's faults and
   * the faults tests inject stand for kcs's network, quotas and IAM policy, so none of them touches it.
   */
  otherPrincipal?: boolean;
}

/** What another principal's call meets: none of the faults that stand for kcs's own conditions. */
const NO_FAULTS: World["faults"] = { ...DEFAULT_FAULTS, quotas: false, accessDenied: [] };

export interface CallRecord {
  service: ServiceName;
  operation: string;
  input: Input;
  error?: string;
  mutating: boolean;
}

/** Cryptographic requests per second one CloudHSM key store allows (not adjustable). */
export const CUSTOM_KEY_STORE_CRYPTO_RPS = 1_800;

/** The CloudHSM key store a cryptographic request lands on, if any. */
function cryptoStoreOf(world: World, input: Input): string | undefined {
  if (typeof input.CustomKeyStoreId === "string") return input.CustomKeyStoreId;
  let keyId = typeof input.KeyId === "string" ? input.KeyId : undefined;
  if (!keyId && typeof input.CiphertextBlob === "string") {
    // The simulator's ciphertexts carry the key id after a 4-byte magic (see kms/crypto.ts).
    keyId = Buffer.from(input.CiphertextBlob, "base64").subarray(4, 40).toString("ascii");
  }
  if (!keyId) return undefined;
  try {
    const key = findKey(world, keyId);
    return key.Origin === "AWS_CLOUDHSM" ? key.CustomKeyStoreId : undefined;
  } catch {
    // An unknown key is the handler's to report (NotFoundException), not the quota's.
    return undefined;
  }
}

const THROTTLE_MESSAGE: Record<ServiceName, string> = {
  kms: "You have exceeded the rate at which you may call KMS. Reduce the frequency of your calls.",
  cloudhsmv2: "Rate exceeded",
  cloudtrail: "Rate exceeded",
  ec2: "Request limit exceeded.",
};

/** EC2 names its throttling error differently from the JSON services. */
const THROTTLE_CODE: Record<ServiceName, string> = {
  kms: "ThrottlingException",
  cloudhsmv2: "ThrottlingException",
  cloudtrail: "ThrottlingException",
  ec2: "RequestLimitExceeded",
};

const TRANSIENT: Record<ServiceName, string> = {
  kms: "KMSInternalException",
  cloudhsmv2: "CloudHsmInternalFailureException",
  // LookupEvents models no server fault: CloudTrail's common errors name ServiceUnavailable (503).
  cloudtrail: "ServiceUnavailable",
  ec2: "InternalError",
};

const ACCESS_DENIED: Record<ServiceName, string> = {
  kms: "AccessDeniedException",
  cloudhsmv2: "CloudHsmAccessDeniedException",
  cloudtrail: "AccessDeniedException",
  ec2: "UnauthorizedOperation",
};

const IAM_PREFIX: Record<ServiceName, string> = {
  kms: "kms",
  cloudhsmv2: "cloudhsm",
  cloudtrail: "cloudtrail",
  ec2: "ec2",
};

/** The connection drops after the call acted: the HTTP server destroys the socket, in process it is ECONNRESET. */
export class ConnectionReset extends Error {
  readonly code = "ECONNRESET";
  constructor() {
    super("socket hang up");
  }
}

/** The one dispatcher behind both ways in (in-process SDK handler and HTTP server). */
export class Simulator {
  private readonly quotas: QuotaBuckets;
  private readonly injected: InjectedFault[] = [];
  /** Every call answered, in order (a partition's too): tests read it to prove what kcs did (or did not) call. */
  readonly calls: CallRecord[];
  /** The simulators of the world's other partitions, made on first use; each has its own quotas. */
  private readonly partitions = new Map<string, Simulator>();
  /**
   * CloudTrail events of reads not yet filed in the world: a read must not write the world file, so
   * they are filed with the next change, before the next LookupEvents, or at flushTrail().
   */
  private unfiled: TrailEvent[] = [];

  constructor(
    readonly store: WorldStore,
    private readonly options: SimulatorOptions = {},
    calls: CallRecord[] = [],
  ) {
    this.quotas = new QuotaBuckets(options.quotaClock);
    this.calls = calls;
  }

  /**
   * The simulator that answers a request signed for `scope`: this one for the world's root partition
   * (and for every request to a world of one partition), another partition's otherwise. Throws AWS's
   * UnrecognizedClientException for a key or Region the world does not have.
   */
  route(scope: SigningScope): Simulator {
    const key = this.store.read((w) => routeRequest(w, scope));
    return this.partition(key);
  }

  /** The simulator of one (account, Region) partition of this world. */
  partition(key: PartitionKey): Simulator {
    const root = this.store.read((w) => w.accountId === key.accountId && w.region === key.region);
    if (root) return this;
    const id = `${key.accountId}/${key.region}`;
    let sim = this.partitions.get(id);
    if (!sim) {
      if (!this.store.read((w) => partitionOf(w, key))) throw new Error(`the world has no partition ${id}`);
      sim = new Simulator(
        new PartitionStore(this.store, key),
        { ...this.options, enabledRegions: () => this.store.read((w) => enabledRegionsOf(w, key.accountId)) },
        this.calls,
      );
      this.partitions.set(id, sim);
    }
    return sim;
  }
  now(world: World): number {
    return (this.options.clock ?? new ScaledWallClock(world.clock)).now();
  }

  inject(fault: InjectedFault): void {
    this.injected.push({ times: 1, ...fault });
  }

  async call(
    service: ServiceName,
    operation: string,
    input: Input,
    meta: CallMeta = {},
  ): Promise<Record<string, unknown>> {
    const op = findOperation(service, operation);
    const record: CallRecord = { service, operation, input, mutating: op?.mutating ?? false };
    this.calls.push(record);
    try {
      if (!op)
        throw awsError(
          "UnknownOperationException",
          `Operation ${operation} is not supported by this service.`,
        );
      const faults = meta.otherPrincipal ? NO_FAULTS : this.store.read((w) => w.faults);
      if (faults.latencyMs > 0) await (this.options.sleep ?? delay)(faults.latencyMs);
      if (!meta.otherPrincipal) await this.injectedFault(service, operation, false);
      const action = `${IAM_PREFIX[service]}:${operation}`;
      if (faults.accessDenied.includes(`${service}:${operation}`) || faults.accessDenied.includes(action)) {
        const user = `arn:aws:iam::${this.store.read((w) => w.accountId)}:user/${meta.caller?.userName ?? DEFAULT_CALLER.userName}`;
        throw awsError(
          ACCESS_DENIED[service],
          `${service === "ec2" ? "You are not authorized to perform this operation. " : ""}User: ${user} is not authorized to perform: ${action} because no identity-based policy allows the ${action} action`,
        );
      }
      if (
        faults.transientErrorRate > 0 &&
        (this.options.random ?? Math.random)() < faults.transientErrorRate
      ) {
        throw awsError(TRANSIENT[service], "We encountered an internal error. Please try again.");
      }
      if (
        faults.quotas &&
        op.rps !== undefined &&
        !this.quotas.take(op.quota ?? `${service}:${operation}`, op.rps)
      ) {
        throw awsError(THROTTLE_CODE[service], THROTTLE_MESSAGE[service]);
      }
      // Every CloudHSM key store also has its own crypto quota, shared by all accounts using it.
      const storeId =
        faults.quotas && op.quota === "kms:symmetric-crypto"
          ? this.store.read((w) => cryptoStoreOf(w, input))
          : undefined;
      if (storeId && !this.quotas.take(`kms:custom-key-store:${storeId}`, CUSTOM_KEY_STORE_CRYPTO_RPS)) {
        throw awsError(THROTTLE_CODE[service], THROTTLE_MESSAGE[service]);
      }
      // AWS validates a request against its model before it looks anything up.
      validateRequest(service, operation, input);
      const answer = this.run(service, operation, input, meta, op.mutating);
      if (!meta.otherPrincipal) await this.injectedFault(service, operation, true);
      await this.networkFaults(faults, service, op.mutating);
      this.options.onAnswer?.(service, operation, answer);
      return answer;
    } catch (err) {
      record.error = err instanceof AwsError ? err.code : "InternalError";
      if (op && err instanceof AwsError && failureIsLogged(err))
        this.logFailure(service, operation, input, meta, err);
      if (
        this.options.strictErrors &&
        err instanceof AwsError &&
        !errorIsModelled(service, operation, err.code)
      )
        throw new Error(
          `the simulator answered ${service}:${operation} with ${err.code}, which its model does not list`,
        );
      throw err;
    } finally {
      if (this.options.callLog) appendCall(this.options.callLog, record);
    }
  }

  private run(
    service: ServiceName,
    operation: string,
    input: Input,
    meta: CallMeta,
    mutating: boolean,
  ): Record<string, unknown> {
    const op = findOperation(service, operation)!;
    const ctxFor = (world: World): OpContext => ({
      world,
      now: this.now(world),
      caller: { ...DEFAULT_CALLER, ...meta.caller },
      requestId: meta.requestId ?? randomUUID(),
      enabledRegions: () =>
        this.options.enabledRegions?.() ?? this.store.read((w) => enabledRegionsOf(w, w.accountId)),
    });
    // Time-driven transitions are persisted on their own, so a failing call cannot undo them.
    this.settle();
    if (mutating) {
      const unfiled = this.unfiled;
      const filed = unfiled.length;
      const out = this.store.update((w) => {
        fileEvents(w, unfiled);
        return op.handler(ctxFor(w), input);
      });
      this.unfiled = this.unfiled.slice(filed);
      return out;
    }
    return this.store.read((world) => {
      // CloudTrail shows a search the events delivered before it, the reads of a moment ago included:
      // seen here without filing them, which would write the world file in the middle of a doctor.
      const w = service === "cloudtrail" && this.unfiled.length ? withEvents(world, this.unfiled) : world;
      const ctx = ctxFor(w);
      const out = op.handler(ctx, input);
      if (isRecorded(service)) {
        this.unfiled.push(callEvent(ctx, service, operation, input, randomUUID(), { readOnly: true }));
        // Only the newest READ_EVENTS_KEPT reads survive filing: a 100,000-key doctor keeps no more.
        if (this.unfiled.length >= 2 * READ_EVENTS_KEPT)
          this.unfiled.splice(0, this.unfiled.length - READ_EVENTS_KEPT);
      }
      return out;
    });
  }

  private checked?: { generation: number; due: number | undefined; material: boolean };

  /** When the world next changes by itself, and whether a backing key came or went; cached per generation. */
  private pendingChanges(): { due: number | undefined; material: boolean } {
    const generation = this.store.generation?.();
    if (generation !== undefined && this.checked?.generation === generation) return this.checked;
    const due = this.store.read((w) => nextDueAt(w));
    const material = this.store.read((w) => materialChanged(w));
    if (generation !== undefined) this.checked = { generation, due, material };
    return { due, material };
  }

  /** Files the CloudTrail events of reads made so far (the sim backend calls it as it closes). */
  flushTrail(): void {
    for (const sim of this.partitions.values()) sim.flushTrail();
    if (this.unfiled.length === 0) return;
    const unfiled = this.unfiled;
    const filed = unfiled.length;
    if (this.store.appendReads) this.store.appendReads(unfiled);
    else this.store.update((w) => fileEvents(w, unfiled));
    // Only what was filed goes: a prefix (filtering with includes was quadratic in the reads made).
    this.unfiled = this.unfiled.slice(filed);
  }

  /** A refused call is in CloudTrail too, with its errorCode (what the handler changed is not). */
  private logFailure(
    service: ServiceName,
    operation: string,
    input: Input,
    meta: CallMeta,
    err: AwsError,
  ): void {
    if (!isRecorded(service)) return;
    const op = findOperation(service, operation)!;
    this.store.update((w) => {
      const ctx: OpContext = {
        world: w,
        now: this.now(w),
        caller: { ...DEFAULT_CALLER, ...meta.caller },
        requestId: meta.requestId ?? randomUUID(),
      };
      fileEvents(w, [
        ...this.unfiled,
        callEvent(ctx, service, operation, input, randomUUID(), {
          readOnly: !op.mutating,
          error: { code: err.code, message: err.message },
        }),
      ]);
    });
    this.unfiled = [];
  }

  /** Brings the world up to the current simulated time (used by `kcs sim status`). */
  settle(): void {
    // Only when something is due: a world with nothing to settle is not rewritten (kcs sim status
    // wrote and fsynced it on every look).
    const { due, material } = this.pendingChanges();
    if ((due !== undefined && due <= this.store.read((w) => this.now(w))) || material) {
      this.store.update((w) => settle(w, this.now(w)));
    }
  }

  /**
   * The world's network faults, after the call acted: what a caller cannot tell from "nothing
   * happened" (a lost answer, a reset connection, an answer that comes too late).
   */
  private async networkFaults(
    faults: World["faults"],
    service: ServiceName,
    mutating: boolean,
  ): Promise<void> {
    const random = this.options.random ?? Math.random;
    if ((faults.hangRate ?? 0) > 0 && random() < faults.hangRate!) await delay(faults.hangMs ?? 5_000);
    if ((faults.resetRate ?? 0) > 0 && random() < faults.resetRate!) throw new ConnectionReset();
    if (mutating && (faults.lostAnswerRate ?? 0) > 0 && random() < faults.lostAnswerRate!)
      throw awsError(TRANSIENT[service], "We encountered an internal error. Please try again.");
  }

  /** Plays the next injected fault for this call, before (or, afterEffect, after) the call acts. */
  private async injectedFault(service: ServiceName, operation: string, afterEffect: boolean): Promise<void> {
    const fault = this.takeInjected(service, operation, afterEffect);
    if (!fault) return;
    if (fault.hangMs) await delay(fault.hangMs);
    if (!fault.error) return;
    // Without an explicit status, a fault code answers as AWS would (KMSInternalException is a 500).
    const status = fault.error.status ?? SERVER_FAULTS[fault.error.code] ?? 400;
    const injected = new AwsError(fault.error.code, fault.error.message ?? fault.error.code, status);
    injected.injected = true;
    throw injected;
  }

  private takeInjected(
    service: ServiceName,
    operation: string,
    afterEffect: boolean,
  ): InjectedFault | undefined {
    const i = this.injected.findIndex(
      (f) =>
        (f.service === undefined || f.service === service) &&
        (f.operation === undefined || f.operation === operation) &&
        (f.afterEffect === true) === afterEffect,
    );
    if (i < 0) return undefined;
    const fault = this.injected[i]!;
    if ((fault.skip ?? 0) > 0) {
      fault.skip = fault.skip! - 1;
      return undefined;
    }
    fault.times = (fault.times ?? 1) - 1;
    if (fault.times <= 0) this.injected.splice(i, 1);
    return fault;
  }
}

/**
 * Failures CloudTrail shows: refusals and validation errors. Throttled calls and the service's own
 * faults are left out, as are the faults tests inject (they stand for the network, not for AWS).
 */
function failureIsLogged(err: AwsError): boolean {
  return err.status < 500 && err.code !== "ThrottlingException" && !err.injected;
}

/** Inputs as AWS would log them: secret members never leave the simulator. */
const SECRET_MEMBERS = new Set(["KeyStorePassword", "Plaintext", "XksProxyAuthenticationCredential"]);

function appendCall(path: string, record: CallRecord): void {
  const input = Object.fromEntries(
    Object.entries(record.input).map(([k, v]) => [k, SECRET_MEMBERS.has(k) ? "HIDDEN" : v]),
  );
  appendFileSync(path, `${JSON.stringify({ ...record, input, at: new Date().toISOString() })}\n`, {
    mode: 0o600,
  });
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A world held in memory; a failed update is rolled back. */
export class MemoryWorldStore implements WorldStore {
  constructor(public world: World) {}
  read<T>(fn: (world: World) => T): T {
    return fn(this.world);
  }
  update<T>(fn: (world: World) => T): T {
    const before = structuredClone(this.world);
    try {
      return fn(this.world);
    } catch (err) {
      this.world = before;
      throw err;
    }
  }
}

/** The world as CloudTrail would show it with `events` filed: a copy of the event list, nothing else. */
function withEvents(world: World, events: readonly TrailEvent[]): World {
  const view = { ...world, events: [...world.events] };
  fileEvents(view, events);
  return view;
}
