import { ConnectionReset, type Simulator } from "../engine.js";
import { AwsError } from "../errors.js";
import { MODELS, type ServiceModel, type Shape } from "../model/shapes.js";
import { callerOf } from "./caller.js";
import type { WireResponse } from "./protocol.js";
import { element, escapeXml, XML_DECLARATION } from "./xml.js";

/**
 * EC2's query protocol: a form-encoded POST (`Action=DescribeSubnets&Version=2016-11-15&SubnetId.1=…`)
 * answered in XML. The model says how each member is named on the wire: its locationName, first
 * letter raised, in requests (`Filter.1.Value.1`); as is in answers (`<subnetSet><item>…`). Lists
 * in requests are always numbered from 1; in answers each item is wrapped in the list's member name.
 */

/** Whether a request is in the query protocol (rather than AWS JSON 1.1). */
export function isQueryRequest(headers: Record<string, string>): boolean {
  return (
    headers["x-amz-target"] === undefined &&
    (headers["content-type"] ?? "").toLowerCase().startsWith("application/x-www-form-urlencoded")
  );
}

const upperFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** A member's name in a request: its locationName with the first letter raised (EC2's rule), or its own name. */
const requestName = (shape: Shape, member: string) => upperFirst(shape.locations?.[member] ?? member);
/** A member's element name in an answer. */
const answerName = (shape: Shape, member: string) => shape.locations?.[member] ?? member;

const invalidValue = (key: string, value: string) =>
  new AwsError("InvalidParameterValue", `Value (${value}) for parameter ${key} is invalid.`, 400);

/** Reads the form parameters into the operation's input, shaped (and typed) as the model says. */
export function queryInput(
  model: ServiceModel,
  shapeName: string,
  params: Map<string, string>,
): Record<string, unknown> {
  const used = new Set<string>();
  const read = (shape: Shape, key: string): unknown => {
    switch (shape.type) {
      case "structure": {
        const out: Record<string, unknown> = {};
        for (const [member, target] of Object.entries(shape.members ?? {})) {
          const value = read(
            model.shapes[target]!,
            key === "" ? requestName(shape, member) : `${key}.${requestName(shape, member)}`,
          );
          if (value !== undefined) out[member] = value;
        }
        return key !== "" && Object.keys(out).length === 0 ? undefined : out;
      }
      case "list": {
        const prefix = `${key}.`;
        const indices = new Set<number>();
        for (const k of params.keys()) {
          if (!k.startsWith(prefix)) continue;
          const index = /^(\d+)(\.|$)/.exec(k.slice(prefix.length));
          if (index) indices.add(Number(index[1]));
        }
        if (indices.size === 0) return undefined;
        return [...indices]
          .sort((a, b) => a - b)
          .map((i) => read(model.shapes[shape.member!]!, `${key}.${i}`))
          .filter((v) => v !== undefined);
      }
      default: {
        const raw = params.get(key);
        if (raw === undefined) return undefined;
        used.add(key);
        if (shape.type === "integer" || shape.type === "long") {
          if (!/^-?\d+$/.test(raw)) throw invalidValue(key, raw);
          return Number(raw);
        }
        if (shape.type === "boolean") {
          if (raw !== "true" && raw !== "false") throw invalidValue(key, raw);
          return raw === "true";
        }
        return raw;
      }
    }
  };
  const input = read(model.shapes[shapeName]!, "") as Record<string, unknown>;
  const unknown = [...params.keys()].find((k) => !used.has(k));
  if (unknown !== undefined)
    throw new AwsError("UnknownParameter", `The parameter ${unknown} is not recognized`, 400);
  return input;
}

/** An answer as XML, member by member in the model's order, timestamps in ISO 8601. */
function toXml(model: ServiceModel, shape: Shape, value: unknown): string {
  switch (shape.type) {
    case "structure": {
      const record = value as Record<string, unknown>;
      return Object.entries(shape.members ?? {})
        .filter(([member]) => record[member] !== undefined && record[member] !== null)
        .map(([member, target]) =>
          element(answerName(shape, member), toXml(model, model.shapes[target]!, record[member])),
        )
        .join("");
    }
    case "list":
      return (value as unknown[])
        .map((item) =>
          element(shape.memberLocation ?? "member", toXml(model, model.shapes[shape.member!]!, item)),
        )
        .join("");
    case "timestamp":
      return new Date(Number(value) * 1000).toISOString();
    default:
      return escapeXml(String(value));
  }
}

function xmlResponse(statusCode: number, requestId: string, body: string): WireResponse {
  return {
    statusCode,
    headers: { "content-type": "text/xml;charset=UTF-8", "x-amzn-requestid": requestId },
    body: `${XML_DECLARATION}${body}`,
  };
}

/** EC2's error document: one `<Error>` under `<Errors>`, and the request id beside them. */
export function queryError(requestId: string, error: AwsError): WireResponse {
  const body = element(
    "Response",
    element(
      "Errors",
      element("Error", element("Code", escapeXml(error.code)) + element("Message", escapeXml(error.message))),
    ) + element("RequestID", requestId),
  );
  return xmlResponse(error.status, requestId, body);
}

/** One EC2 request: the form parsed against the model, the call, and its answer (or error) in XML. */
export async function handleQuery(
  sim: Simulator,
  headers: Record<string, string>,
  body: string,
  requestId: string,
): Promise<WireResponse> {
  const params = new Map(new URLSearchParams(body));
  const action = params.get("Action");
  params.delete("Action");
  params.delete("Version");
  try {
    const EC2 = MODELS.ec2;
    const op = action ? EC2.operations[action] : undefined;
    if (!action || !op?.input || !op.output)
      throw new AwsError(
        "InvalidAction",
        `The action ${action ?? "(none)"} is not valid for this web service.`,
        400,
      );
    const input = queryInput(EC2, op.input, params);
    const output = await sim.call("ec2", action, input, { caller: callerOf(headers), requestId });
    const inner = element("requestId", requestId) + toXml(EC2, EC2.shapes[op.output]!, output);
    return xmlResponse(
      200,
      requestId,
      `<${action}Response xmlns="http://ec2.amazonaws.com/doc/${EC2.apiVersion}/">${inner}</${action}Response>`,
    );
  } catch (err) {
    // A reset is not an answer: each transport drops its connection its own way.
    if (err instanceof ConnectionReset) throw err;
    const error =
      err instanceof AwsError
        ? err
        : new AwsError(
            "InternalError",
            `The simulator failed: ${err instanceof Error ? err.message : String(err)}`,
            500,
          );
    return queryError(requestId, error);
  }
}
