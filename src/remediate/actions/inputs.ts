import { z } from "zod";
import { MASK } from "../../core/secret.js";

/** Input members several actions share, validated the same way everywhere. */
export const storeId = z.string().min(1).max(64);
export const clusterId = z.string().min(1).max(64);
/** A plan never holds a secret: a password member is the mask and nothing else. */
export const masked = z.literal(MASK);

export const StoreInput = z.object({ CustomKeyStoreId: storeId });
export const ClusterInput = z.object({ ClusterId: clusterId });

/** Steps that act on the store alone. */
export const storeInput = (p: { store: { customKeyStoreId: string } }) => ({
  CustomKeyStoreId: p.store.customKeyStoreId,
});
