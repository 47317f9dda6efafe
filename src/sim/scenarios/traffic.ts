// The everyday CloudTrail of an account around its key stores: applications decrypting, monitoring
// reading, people being refused. None of it matters to a diagnosis, which is the point: on AWS, the
// events kcs looks for sit among many that it must page past and ignore.
import { DAY, HOUR, MINUTE } from "../clock.js";
import { callEvent } from "../cloudtrail/api-events.js";
import type { Caller } from "../context.js";
import { newUuid } from "../ids.js";
import type { Input } from "../input.js";
import type { World } from "../world.js";

const APP: Caller = {
  userName: "payments-app",
  accessKeyId: "AKIAPAYMENTSAPP00001",
  userAgent: "aws-sdk-java/2.25.16 Linux/5.10 OpenJDK_64-Bit_Server_VM/17.0.9",
  sourceIp: "10.0.12.34",
};
const MONITORING: Caller = {
  userName: "monitoring",
  accessKeyId: "AKIAMONITORING000001",
  userAgent: "Boto3/1.34.0 md/Botocore#1.34.0 ua/2.0 os/linux",
  sourceIp: "10.0.40.7",
};
const DEVELOPER: Caller = {
  userName: "bob",
  accessKeyId: "AKIABOBDEVELOPER0001",
  userAgent: "aws-cli/2.15.0 Python/3.11.6 Linux/6.5 exe/x86_64",
  sourceIp: "203.0.113.25",
};

export interface TrafficOptions {
  /** How many days before `end` the traffic starts. */
  days: number;
  end: number;
  /** The keys applications use (ARNs). */
  keyArns: string[];
  storeIds: string[];
  clusterIds: string[];
  /** Decrypt/GenerateDataKey calls per day (default 3). */
  cryptoPerDay?: number;
}

type Call = [Caller, "kms" | "cloudhsmv2", string, Input, { code: string; message: string }?];

/** Adds the account's everyday calls to the world's trail, as other principals made them. */
export function addEverydayTraffic(world: World, opts: TrafficOptions): void {
  const at = (day: number, minute: number) => opts.end - (opts.days - day) * DAY + minute * MINUTE;
  const file = (t: number, [caller, service, operation, input, error]: Call) => {
    const ctx = { world, now: t, caller, requestId: newUuid(world, "request") };
    world.events.push(
      callEvent(ctx, service, operation, input, newUuid(world, "event"), {
        readOnly: !error && !/^(Disable|Delete|Update|Schedule)/.test(operation),
        ...(error ? { error } : {}),
      }),
    );
  };
  const perDay = opts.cryptoPerDay ?? 3;
  for (let day = 0; day < opts.days; day++) {
    for (let i = 0; i < perDay; i++) {
      const keyArn = opts.keyArns[(day * perDay + i) % opts.keyArns.length]!;
      const minute = 60 + ((day * 97 + i * 331) % (22 * 60));
      file(
        at(day, minute),
        i % 3 === 2
          ? [APP, "kms", "GenerateDataKey", { KeyId: keyArn, KeySpec: "AES_256" }]
          : [APP, "kms", "Decrypt", { KeyId: keyArn, EncryptionAlgorithm: "SYMMETRIC_DEFAULT" }],
      );
    }
    // The monitoring job looks at the stores and clusters once a day.
    file(at(day, 6 * 60), [MONITORING, "kms", "DescribeCustomKeyStores", {}]);
    if (opts.clusterIds.length > 0)
      file(at(day, 6 * 60 + 1), [
        MONITORING,
        "cloudhsmv2",
        "DescribeClusters",
        { Filters: { clusterIds: opts.clusterIds } },
      ]);
  }
  // A developer tries twice what their role may not do, and once what the store's state forbids.
  const arn = `arn:aws:iam::${world.accountId}:user/${DEVELOPER.userName}`;
  const firstKey = opts.keyArns[0];
  if (firstKey)
    file(at(Math.floor(opts.days / 2), 14 * 60), [
      DEVELOPER,
      "kms",
      "DisableKey",
      { KeyId: firstKey },
      {
        code: "AccessDeniedException",
        message: `User: ${arn} is not authorized to perform: kms:DisableKey on resource: ${firstKey} because no identity-based policy allows the kms:DisableKey action`,
      },
    ]);
  const firstStore = opts.storeIds[0];
  // Refused connects rotate nothing: CloudTrail has them, with their errorCode, among the real ones.
  if (firstStore)
    file(opts.end - 30 * MINUTE, [
      DEVELOPER,
      "kms",
      "ConnectCustomKeyStore",
      { CustomKeyStoreId: firstStore },
      {
        code: "AccessDeniedException",
        message: `User: ${arn} is not authorized to perform: kms:ConnectCustomKeyStore on resource: arn:aws:kms:${world.region}:${world.accountId}:custom-key-store/${firstStore} because no identity-based policy allows the kms:ConnectCustomKeyStore action`,
      },
    ]);
  if (firstStore)
    file(at(Math.floor(opts.days / 3), 15 * 60) + 7 * HOUR, [
      DEVELOPER,
      "kms",
      "DeleteCustomKeyStore",
      { CustomKeyStoreId: firstStore },
      {
        code: "CustomKeyStoreHasCMKsException",
        message: `Custom key store ${firstStore} contains AWS KMS keys. Delete the keys before you delete the custom key store.`,
      },
    ]);
}
