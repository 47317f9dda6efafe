import * as z from "zod";
import { MASK } from "../../core/secret.js";

/** Input members several actions share, validated the same way everywhere. */
export const storeId = z.string().min(1).max(64);
/**
 * botocore's ClusterId pattern, or the restored cluster a later step learns. Values that reach a
 * printed command are held to AWS's own formats, so nothing else can be pasted into a shell.
 */
export const clusterId = z
  .string()
  .regex(/^(cluster-[2-7a-zA-Z]{11,16}|\{\{NewClusterId\}\})$/, "not a CloudHSM cluster id");
/** A KMS key ARN, as a key's label on the HSM: what the CloudHSM CLI lines filter on. */
export const keyArn = z
  .string()
  .regex(/^arn:aws[a-z-]*:kms:[a-z0-9-]{1,32}:\d{12}:key\/(mrk-)?[0-9a-f-]{32,36}$/, "not a KMS key ARN");
/** A backing key id: 64 hex digits. */
export const backingKeyId = z.string().regex(/^[0-9a-f]{64}$/, "not a backing key id");
/** A plan never holds a secret: a password member is the mask and nothing else. */
export const masked = z.literal(MASK);

export const StoreInput = z.object({ CustomKeyStoreId: storeId });
export const ClusterInput = z.object({ ClusterId: clusterId });

/** Steps that act on the store alone. */
export const storeInput = (p: { store: { customKeyStoreId: string } }) => ({
  CustomKeyStoreId: p.store.customKeyStoreId,
});
