import { randomBytes } from "node:crypto";
import { DAY, DEFAULT_TIME_SCALE, HOUR, MINUTE } from "../clock.js";
import { takeBackup } from "../cloudhsm/backup-lifecycle.js";
import { KMSUSER } from "../cloudhsm/hsm-data.js";
import { changePassword } from "../cloudhsm/operator.js";
import { managementTrail } from "../cloudtrail/trails.js";
import { type Caller, DEFAULT_CALLER, type OpContext } from "../context.js";
import { clusterSecurityGroup } from "../ec2/security-groups.js";
import type { ServiceName } from "../errors.js";
import {
  hashPassword,
  hex,
  newClusterId,
  newEniId,
  newHsmId,
  newSecurityGroupId,
  newSubnetId,
  newVpcId,
  pepperCheck,
} from "../ids.js";
import type { Input } from "../input.js";
import { noticeMaterial } from "../kms/material-watch.js";
import { findOperation } from "../operations.js";
import { settle } from "../settle.js";
import {
  type Cluster,
  DEFAULT_FAULTS,
  type Subnet,
  WORLD_SCHEMA,
  WORLD_VERSION,
  type World,
} from "../world.js";

export interface StoryOptions {
  scenario: string;
  /** The moment the story ends: the world's "now" when it is handed over. */
  endAt: number;
  /** How long before `endAt` the story starts. */
  span?: number;
  region?: string;
  accountId?: string;
  clusterLimit?: number;
  /** Another partition of a world shares its root's pepper (its passwords are kept under the same key). */
  pepper?: string;
}

/** The Region of every bundled scenario's world (and so of the default world a first run makes). */
export const SCENARIO_REGION = "eu-west-1";

/**
 * Builds a world by living through its history: real operations against the simulator's own handlers,
 * with time moving forward, so ids, backups and CloudTrail events are the ones AWS would have made.
 */
export class Story {
  readonly world: World;
  t: number;
  private requestSeq = 0;
  caller: Caller = { ...DEFAULT_CALLER, userName: "alice" };

  readonly endAt: number;

  constructor(opts: StoryOptions) {
    this.endAt = opts.endAt;
    const region = opts.region ?? SCENARIO_REGION;
    this.world = {
      schema: WORLD_SCHEMA,
      version: WORLD_VERSION,
      scenario: opts.scenario,
      accountId: opts.accountId ?? "111122223333",
      region,
      // Random, not derived from the world's seed: nothing in the world file may lead back to it.
      pepper: opts.pepper ?? randomBytes(32).toString("hex"),
      pepperCheck: "",
      seq: 0,
      clock: { simAnchorMs: opts.endAt, wallAnchorMs: opts.endAt, scale: DEFAULT_TIME_SCALE },
      stores: [],
      keys: [],
      aliases: [],
      clusters: [],
      backups: [],
      hsmImages: {},
      subnets: [],
      securityGroups: [],
      events: [],
      faults: { ...DEFAULT_FAULTS, accessDenied: [] },
      clusterLimit: opts.clusterLimit ?? 4,
    };
    this.world.pepperCheck = pepperCheck(this.world.pepper);
    // Worlds once drew a salt here; drawing it still keeps every id after it what it always was.
    hex(this.world, "salt", 32);
    this.t = opts.endAt - (opts.span ?? 200 * DAY);
    // The account has logged its management events to a multi-Region trail since the story began.
    this.world.trails = [managementTrail(this.world, this.t)];
  }

  /** Moves time forward, applying everything that happens on the way (daily backups and their expiry too). */
  advance(ms: number): this {
    // What the story just did to the HSMs happened now, not at the end of this stretch.
    noticeMaterial(this.world, this.t);
    this.t += ms;
    settle(this.world, this.t);
    return this;
  }

  /** Jumps to `ms` before the end of the story. */
  until(end: number, msBeforeEnd: number): this {
    return this.advance(Math.max(0, end - msBeforeEnd - this.t));
  }

  call(service: ServiceName, operation: string, input: Input): Record<string, unknown> {
    const op = findOperation(service, operation);
    if (!op) throw new Error(`unknown operation ${service}:${operation}`);
    const ctx: OpContext = {
      world: this.world,
      now: this.t,
      caller: this.caller,
      requestId: `${hex(this.world, "request", 8)}-${(this.requestSeq++).toString(16).padStart(4, "0")}-4000-8000-${hex(this.world, "rq", 12)}`,
    };
    return op.handler(ctx, input);
  }

  kms(operation: string, input: Input = {}) {
    return this.call("kms", operation, input);
  }

  /** A VPC with one private subnet per Availability Zone (and spares for restores). */
  vpc(azs: string[], opts: { freeAddresses?: number; spare?: boolean } = {}): Subnet[] {
    const vpcId = newVpcId(this.world);
    const subnets: Subnet[] = [];
    let third = 10 + this.world.subnets.length * 16;
    const make = (az: string) => {
      const s: Subnet = {
        SubnetId: newSubnetId(this.world),
        AvailabilityZone: az,
        VpcId: vpcId,
        CidrBlock: `10.0.${third}.0/24`,
        freeAddresses: opts.freeAddresses ?? 240,
      };
      third += 16;
      this.world.subnets.push(s);
      return s;
    };
    for (const az of azs) subnets.push(make(az));
    if (opts.spare) for (const az of azs) make(az);
    return subnets;
  }

  /**
   * An initialised, activated cluster with HSMs in the given AZs and a kmsuser crypto user, as an
   * operator would have prepared it before creating a custom key store.
   */
  activeCluster(subnets: Subnet[], hsmAzs: string[], kmsuserPassword: string): Cluster {
    const w = this.world;
    const cluster: Cluster = {
      ClusterId: newClusterId(w),
      State: "ACTIVE",
      HsmType: "hsm1.medium",
      VpcId: subnets[0]!.VpcId,
      SecurityGroup: newSecurityGroupId(w),
      SubnetMapping: Object.fromEntries(subnets.map((s) => [s.AvailabilityZone, s.SubnetId])),
      CreateTimestamp: this.t,
      BackupPolicy: "DEFAULT",
      BackupRetentionPolicy: { Type: "DAYS", Value: "90" },
      ClusterCertificate: `-----BEGIN CERTIFICATE-----\nMIIDhDCCAmygAwIBAgIJA${hex(w, "cert", 56)}\n-----END CERTIFICATE-----`,
      trustAnchor: `-----BEGIN CERTIFICATE-----\nMIIDazCCAlOgAwIBAgIUc${hex(w, "anchor", 56)}\n-----END CERTIFICATE-----`,
      Hsms: [],
      hsm: {
        users: [
          {
            username: "admin",
            role: "admin",
            passwordHash: hashPassword(w, hex(w, "adminpw", 16)),
            failedLogins: 0,
            locked: false,
          },
          {
            username: KMSUSER,
            role: "crypto-user",
            passwordHash: hashPassword(w, kmsuserPassword),
            failedLogins: 0,
            locked: false,
          },
        ],
        keys: [],
        nextHandle: 262150,
      },
    };
    for (const az of hsmAzs) {
      const subnet = subnets.find((s) => s.AvailabilityZone === az)!;
      subnet.freeAddresses -= 1;
      cluster.Hsms.push({
        HsmId: newHsmId(w),
        AvailabilityZone: az,
        SubnetId: subnet.SubnetId,
        EniId: newEniId(w),
        EniIp: `${subnet.CidrBlock.split(".").slice(0, 3).join(".")}.${12 + cluster.Hsms.length * 7}`,
        State: "ACTIVE",
      });
    }
    w.clusters.push(cluster);
    clusterSecurityGroup(w, cluster);
    takeBackup(w, cluster, this.t);
    // CloudHSM picks the hour of its daily backup; an odd one keeps it off the story's round hours.
    cluster.nextBackupAt = this.t + DAY - 5 * HOUR - 17 * MINUTE;
    return cluster;
  }

  createStore(cluster: Cluster, name: string, password: string): string {
    const out = this.kms("CreateCustomKeyStore", {
      CustomKeyStoreName: name,
      CloudHsmClusterId: cluster.ClusterId,
      TrustAnchorCertificate: cluster.trustAnchor,
      KeyStorePassword: password,
    });
    return out.CustomKeyStoreId as string;
  }

  connect(storeId: string): this {
    this.kms("ConnectCustomKeyStore", { CustomKeyStoreId: storeId });
    return this.advance(5 * 60_000);
  }

  disconnect(storeId: string): this {
    this.kms("DisconnectCustomKeyStore", { CustomKeyStoreId: storeId });
    return this.advance(60_000);
  }

  createKeys(
    storeId: string | undefined,
    count: number,
    describe: (i: number) => string,
    every = 0,
  ): string[] {
    const arns: string[] = [];
    for (let i = 0; i < count; i++) {
      const out = this.kms(
        "CreateKey",
        storeId
          ? { CustomKeyStoreId: storeId, Origin: "AWS_CLOUDHSM", Description: describe(i) }
          : { Description: describe(i) },
      );
      arns.push((out.KeyMetadata as { Arn: string }).Arn);
      if (every) this.advance(every);
    }
    return arns;
  }

  alias(name: string, keyArn: string): void {
    this.world.aliases.push({
      AliasName: name,
      TargetKeyId: keyArn.split("/").pop()!,
      CreationDate: this.t,
      LastUpdatedDate: this.t,
    });
  }

  /** A person on the HSM changes kmsuser's password (what breaks the store's credentials). */
  operatorChangesPassword(cluster: Cluster, newPassword: string): void {
    changePassword(this.world, cluster.ClusterId, KMSUSER, newPassword);
  }

  /** Hands the world over: its clock now runs from the end of the story. */
  finish(endAt: number, wallNow: number, scale = DEFAULT_TIME_SCALE): World {
    if (this.t < endAt) this.advance(endAt - this.t);
    this.world.clock = { simAnchorMs: this.t, wallAnchorMs: wallNow, scale };
    return this.world;
  }
}
