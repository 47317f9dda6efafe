import { AwsError } from "../errors.js";
import type { SigningScope } from "../partitions.js";
import { assumeRole, getCallerIdentity } from "../sts/sts.js";
import type { World } from "../world.js";
import type { WireResponse } from "./protocol.js";
import { element, escapeXml, XML_DECLARATION } from "./xml.js";

const STS_VERSION = "2011-06-15";
const XMLNS = `https://sts.amazonaws.com/doc/${STS_VERSION}/`;

/** An STS request: AWS's query protocol, signed for the sts service or naming STS's API version. */
export function isStsRequest(scope: SigningScope, body: string): boolean {
  return scope.service === "sts" || new URLSearchParams(body).get("Version") === STS_VERSION;
}

function xml(statusCode: number, requestId: string, body: string): WireResponse {
  return {
    statusCode,
    headers: { "content-type": "text/xml", "x-amzn-requestid": requestId },
    body: `${XML_DECLARATION}${body}`,
  };
}

const fields = (record: Record<string, string>) =>
  Object.entries(record)
    .map(([k, v]) => element(k, escapeXml(v)))
    .join("");

/** AssumeRole and GetCallerIdentity, answered in STS's XML (errors as its ErrorResponse). */
export function handleSts(
  world: World,
  scope: SigningScope,
  body: string,
  requestId: string,
  nowMs: number,
): WireResponse {
  const params = new URLSearchParams(body);
  const action = params.get("Action") ?? "";
  const meta = element("ResponseMetadata", element("RequestId", requestId));
  const wrap = (result: string) =>
    xml(
      200,
      requestId,
      `<${action}Response xmlns="${XMLNS}">${element(`${action}Result`, result)}${meta}</${action}Response>`,
    );
  try {
    if (action === "GetCallerIdentity") return wrap(fields(getCallerIdentity(world, scope.accessKeyId)));
    if (action === "AssumeRole") {
      const out = assumeRole(
        world,
        scope.accessKeyId,
        {
          ...(params.has("RoleArn") ? { RoleArn: params.get("RoleArn")! } : {}),
          ...(params.has("RoleSessionName") ? { RoleSessionName: params.get("RoleSessionName")! } : {}),
          ...(params.has("ExternalId") ? { ExternalId: params.get("ExternalId")! } : {}),
          ...(params.has("DurationSeconds") ? { DurationSeconds: params.get("DurationSeconds")! } : {}),
        },
        nowMs,
      );
      const c = out.Credentials;
      return wrap(
        element(
          "Credentials",
          fields({
            AccessKeyId: c.AccessKeyId,
            SecretAccessKey: c.SecretAccessKey,
            SessionToken: c.SessionToken,
            Expiration: new Date(c.Expiration).toISOString(),
          }),
        ) + element("AssumedRoleUser", fields(out.AssumedRoleUser)),
      );
    }
    throw new AwsError(
      "InvalidAction",
      `Could not find operation ${action.slice(0, 64)} for version ${STS_VERSION}`,
      400,
    );
  } catch (err) {
    const error =
      err instanceof AwsError
        ? err
        : new AwsError(
            "InternalFailure",
            `The simulator failed: ${err instanceof Error ? err.message : String(err)}`,
            500,
          );
    const type = error.status >= 500 ? "Receiver" : "Sender";
    return xml(
      error.status,
      requestId,
      `<ErrorResponse xmlns="${XMLNS}">${element("Error", fields({ Type: type, Code: error.code, Message: error.message }))}${element("RequestId", requestId)}</ErrorResponse>`,
    );
  }
}
