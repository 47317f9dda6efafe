import type { OpContext } from "../context.js";
import { awsError } from "../errors.js";
import { type Input, kmsInvalid, Params } from "../input.js";
import type { Grant, KmsKey } from "../world.js";
import { findKeyById, KEY_ID } from "./key-rules.js";
import { decodeMarker, encodeMarker } from "./markers.js";

/** A grant id as KMS makes them: 64 hexadecimal characters. */
const GRANT_ID = /^[0-9a-f]{64}$/;

function grantView(key: KmsKey, g: Grant) {
  return {
    KeyId: key.Arn,
    GrantId: g.GrantId,
    ...(g.Name ? { Name: g.Name } : {}),
    CreationDate: g.CreationDate / 1000,
    GranteePrincipal: g.GranteePrincipal,
    ...(g.RetiringPrincipal ? { RetiringPrincipal: g.RetiringPrincipal } : {}),
    IssuingAccount: g.IssuingAccount,
    Operations: g.Operations,
    ...(g.Constraints ? { Constraints: g.Constraints } : {}),
  };
}

export function listGrants(ctx: OpContext, input: Input) {
  const p = new Params(input, kmsInvalid);
  const key = findKeyById(ctx.world, p.str("KeyId", KEY_ID));
  // The model allows up to 1000, but the API reference says 1 to 100 (default 50).
  const limit = p.int("Limit", { min: 1, max: 100 }) ?? 50;
  const marker = p.str("Marker", { min: 1, max: 1024 });
  const grantId = p.str("GrantId", { min: 1, max: 128 });
  const grantee = p.str("GranteePrincipal", { min: 1, max: 256 });
  if (grantId !== undefined && !GRANT_ID.test(grantId))
    throw awsError("InvalidGrantIdException", `Grant ID ${grantId} is not valid.`);
  // Every key state may list its grants (the key-state table): no state check.
  const grants = (key.grants ?? []).filter(
    (g) =>
      (grantId === undefined || g.GrantId === grantId) &&
      (grantee === undefined || g.GranteePrincipal === grantee),
  );
  const bind = `grants:${key.KeyId}:${grantId ?? ""}:${grantee ?? ""}`;
  const start = marker === undefined ? 0 : decodeMarker(marker, bind);
  const more = start + limit < grants.length;
  return {
    Grants: grants.slice(start, start + limit).map((g) => grantView(key, g)),
    Truncated: more,
    ...(more ? { NextMarker: encodeMarker(start + limit, bind) } : {}),
  };
}
