/**
 * The two steps no read-and-compare action can express, as aws:executeScript (Python) steps that do
 * what the kcs action does: DescribeKey must answer NotFoundException (any other answer, error or
 * not, stops the run), and a cluster must have ACTIVE HSMs in N Availability Zones (a count, which
 * no PropertySelector can take). Each script gives up within the action's 600 seconds.
 */
export const SCRIPT_RUNTIME = "python3.11";

export const KEY_DELETED_SCRIPT = `import boto3
from botocore.exceptions import ClientError


def handler(events, context):
    key_id = events["KeyId"]
    try:
        meta = boto3.client("kms").describe_key(KeyId=key_id)["KeyMetadata"]
    except ClientError as err:
        if err.response["Error"]["Code"] == "NotFoundException":
            return {"KeyDeleted": True}
        raise
    raise Exception(
        "DescribeKey still finds %s (%s): its key material is not orphaned, refusing to delete it"
        % (key_id, meta["KeyState"])
    )
`;

/** Seconds one run of the HSM script polls before it fails and the step's next attempt goes on. */
export const HSM_SCRIPT_SECONDS = 540;

export const HSMS_ACTIVE_SCRIPT = `import time

import boto3


def handler(events, context):
    client = boto3.client("cloudhsmv2")
    want = int(events["MinimumAvailabilityZones"])
    deadline = time.time() + ${HSM_SCRIPT_SECONDS}
    while True:
        clusters = client.describe_clusters(Filters={"clusterIds": [events["ClusterId"]]})["Clusters"]
        hsms = clusters[0].get("Hsms", []) if clusters else []
        active = {h["AvailabilityZone"] for h in hsms if h.get("State") == "ACTIVE"}
        if len(active) >= want:
            return {"ActiveAvailabilityZones": len(active)}
        if not any(h.get("State") == "CREATE_IN_PROGRESS" for h in hsms):
            raise Exception("only %d AZ(s) have an ACTIVE HSM and none is being created" % len(active))
        if time.time() > deadline:
            raise Exception("still waiting: %d AZ(s) have an ACTIVE HSM" % len(active))
        time.sleep(15)
`;
