import { randomUUID } from "node:crypto";
import type { Simulator } from "../engine.js";
import { ConnectionReset } from "../engine.js";
import { AwsError, type ServiceName } from "../errors.js";
import { signingScope } from "../partitions.js";
import { callerOf, lowerKeys } from "./caller.js";
import { handleQuery, isQueryRequest, queryError } from "./query-protocol.js";
import { handleSts, isStsRequest } from "./sts-protocol.js";

export interface WireRequest {
  headers: Record<string, string | undefined>;
  body: string;
}

export interface WireResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

const PREFIXES: [string, ServiceName][] = [
  ["TrentService", "kms"],
  ["BaldrApiService", "cloudhsmv2"],
  // The AWS CLI sends the long form; the JS SDK v3 sends "CloudTrail_20131101.<Op>".
  ["com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101", "cloudtrail"],
  ["CloudTrail_20131101", "cloudtrail"],
];

/** Splits `X-Amz-Target` into the service (chosen by prefix) and the operation (after the last dot). */
export function parseTarget(
  target: string | undefined,
): { service: ServiceName; operation: string } | undefined {
  if (!target) return undefined;
  const dot = target.lastIndexOf(".");
  if (dot < 0) return undefined;
  const prefix = target.slice(0, dot);
  const found = PREFIXES.find(([p]) => p === prefix);
  return found ? { service: found[1], operation: target.slice(dot + 1) } : undefined;
}

/**
 * One request over any transport, one response out, errors shaped as AWS shapes them: AWS JSON 1.1
 * (KMS, CloudHSM v2, CloudTrail, chosen by X-Amz-Target), or EC2's query protocol (a form body).
 */
export async function handleWire(root: Simulator, request: WireRequest): Promise<WireResponse> {
  const headers = lowerKeys(request.headers);
  const requestId = randomUUID();
  const scope = signingScope(headers);
  const query = isQueryRequest(headers);
  if (query && isStsRequest(scope, request.body))
    return root.store.read((w) => handleSts(w, scope, request.body, requestId, Date.now()));
  // The (account, Region) partition the request is signed for answers it, as AWS's endpoints do.
  let sim: Simulator;
  try {
    sim = root.route(scope);
  } catch (err) {
    if (!(err instanceof AwsError)) throw err;
    const service = parseTarget(headers["x-amz-target"])?.service ?? "kms";
    // EC2 names the same refusal its own way.
    const ec2 = new AwsError(
      "AuthFailure",
      "AWS was not able to validate the provided access credentials",
      401,
    );
    return query ? queryError(requestId, ec2) : errorResponse(service, requestId, err);
  }
  if (query) return handleQuery(sim, headers, request.body, requestId);
  const target = parseTarget(headers["x-amz-target"]);
  if (!target) {
    return errorResponse(
      "kms",
      requestId,
      new AwsError("UnknownOperationException", `Unknown target: ${headers["x-amz-target"] ?? "(none)"}`),
    );
  }
  let input: Record<string, unknown>;
  try {
    const parsed: unknown = request.body.trim() === "" ? {} : JSON.parse(request.body);
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
      throw new Error("not an object");
    input = parsed as Record<string, unknown>;
  } catch {
    return errorResponse(
      target.service,
      requestId,
      new AwsError("SerializationException", "The request body is not a JSON object."),
    );
  }
  try {
    const output = await sim.call(target.service, target.operation, input, {
      caller: callerOf(headers),
      requestId,
    });
    return {
      statusCode: 200,
      headers: { "content-type": "application/x-amz-json-1.1", "x-amzn-requestid": requestId },
      body: JSON.stringify(output),
    };
  } catch (err) {
    // A reset is not an answer: each transport drops its connection its own way.
    if (err instanceof ConnectionReset) throw err;
    const error =
      err instanceof AwsError
        ? err
        : new AwsError(
            target.service === "kms" ? "KMSInternalException" : "InternalFailure",
            `The simulator failed: ${err instanceof Error ? err.message : String(err)}`,
            500,
          );
    return errorResponse(target.service, requestId, error);
  }
}

function errorResponse(service: ServiceName, requestId: string, error: AwsError): WireResponse {
  // KMS error shapes name the member `message`; CloudHSM v2 and CloudTrail use `Message`.
  const messageKey = service === "kms" ? "message" : "Message";
  return {
    statusCode: error.status,
    headers: {
      "content-type": "application/x-amz-json-1.1",
      "x-amzn-requestid": requestId,
      "x-amzn-errortype": error.code,
    },
    body: JSON.stringify({ __type: error.code, [messageKey]: error.message }),
  };
}
