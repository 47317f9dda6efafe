import { AwsError } from "../errors.js";
import { MODELS, type ServiceModel, type Shape } from "./shapes.js";

type Service = keyof typeof MODELS;

/**
 * A request checked against its operation's input shape in AWS's model before the simulator looks
 * anything up, as AWS does: every constraint broken is listed in AWS's own words ("1 validation error
 * detected: Value 'x' at 'customKeyStoreId' failed to satisfy constraint: Member must have length
 * less than or equal to 64"), and a value of the wrong JSON type is a SerializationException.
 */
export function validateRequest(service: Service, operation: string, input: Record<string, unknown>): void {
  const model = MODELS[service];
  const op = model.operations[operation];
  if (!op?.input) return;
  const found: Violation[] = [];
  check(model, model.shapes[op.input]!, input, [], found, true);
  if (found.length === 0) return;
  throw new AwsError(
    errorCodeFor(service, op.errors, found[0]!.member),
    `${found.length} validation error${found.length > 1 ? "s" : ""} detected: ${found.map((f) => f.text).join("; ")}`,
    400,
  );
}

/** One broken constraint: the top-level member it is under (CloudTrail's error code follows it), and AWS's words. */
interface Violation {
  member: string;
  text: string;
}

/** A JSON value of the wrong type: AWS answers before any constraint is checked. */
export class SerializationError extends AwsError {
  constructor(message: string) {
    super("SerializationException", message, 400);
  }
}

const patterns = new Map<string, RegExp>();
/**
 * botocore's patterns are Java's. A request's value must match one whole; an answer's need only
 * contain a match (some output patterns, like VpcId's "vpc-[0-9a-fA-F]", describe only a prefix).
 */
function pattern(source: string, whole: boolean): RegExp {
  const key = `${whole ? "w" : "f"}${source}`;
  let re = patterns.get(key);
  if (!re) {
    // Java's inline (?s) is JavaScript's s flag.
    const dotAll = source.startsWith("(?s)");
    const body = dotAll ? source.slice(4) : source;
    re = new RegExp(whole ? `^(?:${body})$` : body, dotAll ? "su" : "u");
    patterns.set(key, re);
  }
  return re;
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** How AWS shows a value in a validation message: never a sensitive one. */
function shown(value: unknown, sensitive: boolean | undefined): string {
  if (sensitive) return "";
  if (value === undefined || value === null) return " null";
  if (typeof value === "string") return ` '${value}'`;
  if (Array.isArray(value))
    return ` '[${value.map((v) => (typeof v === "string" ? v : JSON.stringify(v))).join(", ")}]'`;
  return ` '${typeof value === "object" ? JSON.stringify(value) : String(value)}'`;
}

function check(
  model: ServiceModel,
  shape: Shape,
  value: unknown,
  path: string[],
  found: Violation[],
  top = false,
  whole = true,
): void {
  const at = path.join(".");
  const violation = (constraint: string, sensitive = shape.sensitive) =>
    found.push({
      member: path[0] ?? "",
      text: `Value${shown(value, sensitive)} at '${at}' failed to satisfy constraint: ${constraint}`,
    });
  switch (shape.type) {
    case "structure": {
      if (typeof value !== "object" || value === null || Array.isArray(value)) {
        if (top) return;
        throw new SerializationError(`Start of structure or map expected at '${at}'`);
      }
      const record = value as Record<string, unknown>;
      for (const [name, target] of Object.entries(shape.members ?? {})) {
        const member = record[name];
        const memberShape = model.shapes[target]!;
        const memberPath = [...path, lowerFirst(name)];
        if (member === undefined || member === null) {
          if (shape.required?.includes(name))
            found.push({
              member: memberPath[0]!,
              text: `Value null at '${memberPath.join(".")}' failed to satisfy constraint: Member must not be null`,
            });
          continue;
        }
        check(model, memberShape, member, memberPath, found, false, whole);
      }
      return;
    }
    case "list": {
      if (!Array.isArray(value)) throw new SerializationError(`Start of list expected at '${at}'`);
      lengthBounds(shape, value.length, violation);
      value.forEach((item, i) => {
        if (item === null) return;
        check(
          model,
          model.shapes[shape.member!]!,
          item,
          [...path, String(i + 1), "member"],
          found,
          false,
          whole,
        );
      });
      return;
    }
    case "map": {
      if (typeof value !== "object" || value === null || Array.isArray(value))
        throw new SerializationError(`Start of structure or map expected at '${at}'`);
      const entries = Object.entries(value as Record<string, unknown>);
      lengthBounds(shape, entries.length, violation);
      for (const [k, v] of entries) {
        check(model, model.shapes[shape.key!]!, k, [...path, "key"], found, false, whole);
        if (v !== null) check(model, model.shapes[shape.value!]!, v, [...path, k], found, false, whole);
      }
      return;
    }
    case "string": {
      if (typeof value !== "string") throw new SerializationError(`STRING_VALUE expected at '${at}'`);
      lengthBounds(shape, [...value].length, violation);
      if (shape.pattern !== undefined && !pattern(shape.pattern, whole).test(value))
        violation(`Member must satisfy regular expression pattern: ${shape.pattern}`);
      if (shape.enum && !shape.enum.includes(value))
        violation(`Member must satisfy enum value set: [${shape.enum.join(", ")}]`);
      return;
    }
    case "blob": {
      if (typeof value !== "string") throw new SerializationError(`Base64 STRING_VALUE expected at '${at}'`);
      lengthBounds(shape, Buffer.from(value, "base64").length, violation);
      return;
    }
    case "integer":
    case "long": {
      if (typeof value !== "number" || !Number.isInteger(value))
        throw new SerializationError(
          `NUMBER_VALUE can not be converted to ${shape.type === "long" ? "a Long" : "an Integer"} at '${at}'`,
        );
      if (shape.min !== undefined && value < shape.min)
        violation(`Member must have value greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && value > shape.max)
        violation(`Member must have value less than or equal to ${shape.max}`);
      return;
    }
    case "double":
    case "float":
      if (typeof value !== "number") throw new SerializationError(`NUMBER_VALUE expected at '${at}'`);
      return;
    case "boolean":
      if (typeof value !== "boolean") throw new SerializationError(`BOOLEAN_VALUE expected at '${at}'`);
      return;
    case "timestamp":
      // AWS JSON 1.1 sends epoch seconds; the SDKs and the aws CLI send a number.
      if (typeof value !== "number" && !(typeof value === "string" && Number.isFinite(Number(value))))
        throw new SerializationError(`Timestamp expected at '${at}'`);
      return;
  }
}

function lengthBounds(shape: Shape, length: number, violation: (constraint: string) => void): void {
  if (shape.min !== undefined && length < shape.min)
    violation(`Member must have length greater than or equal to ${shape.min}`);
  if (shape.max !== undefined && length > shape.max)
    violation(`Member must have length less than or equal to ${shape.max}`);
}

/** CloudTrail names its validation errors after what is wrong; other services have one code. */
const CLOUDTRAIL_ERRORS: Record<string, string> = {
  maxResults: "InvalidMaxResultsException",
  nextToken: "InvalidNextTokenException",
  lookupAttributes: "InvalidLookupAttributesException",
  startTime: "InvalidTimeRangeException",
  endTime: "InvalidTimeRangeException",
  eventCategory: "InvalidEventCategoryException",
};

function errorCodeFor(service: Service, modelled: string[], member: string): string {
  if (service === "kms") return "ValidationException";
  if (service === "ec2") return "InvalidParameterValue";
  if (service === "cloudhsmv2") return "CloudHsmInvalidRequestException";
  const code = CLOUDTRAIL_ERRORS[member];
  return code && modelled.includes(code)
    ? code
    : (modelled.find((e) => e.startsWith("Invalid")) ?? "InvalidParameterException");
}

/**
 * What is wrong with an answer, by the operation's output shape: members the model does not have,
 * and modelled members whose values break its constraints (the same checks a request gets). The
 * simulator's answers must have none: the SDK would accept them, and AWS would never send them.
 */
export function responseProblems(
  service: Service,
  operation: string,
  output: Record<string, unknown>,
): string[] {
  const model = MODELS[service];
  const name = model.operations[operation]?.output;
  if (!name) return Object.keys(output).length ? [`${operation} has no output in the model`] : [];
  const problems: string[] = [];
  const walk = (shape: Shape, value: unknown, path: string) => {
    if (shape.type === "structure" && value && typeof value === "object" && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        const target = shape.members?.[k];
        if (!target) problems.push(`${path}${k}: not in the model`);
        else if (v !== undefined && v !== null) walk(model.shapes[target]!, v, `${path}${k}.`);
      }
    } else if (shape.type === "list" && Array.isArray(value)) {
      for (const [i, item] of value.entries()) walk(model.shapes[shape.member!]!, item, `${path}${i}.`);
    } else if (shape.type === "map" && value && typeof value === "object") {
      for (const [k, v] of Object.entries(value as Record<string, unknown>))
        walk(model.shapes[shape.value!]!, v, `${path}${k}.`);
    }
  };
  walk(model.shapes[name]!, output, "");
  const found: Violation[] = [];
  try {
    check(model, model.shapes[name]!, output, [], found, true, false);
  } catch (err) {
    problems.push((err as Error).message);
  }
  return [...problems, ...found.map((f) => f.text)];
}

/** Errors any AWS JSON operation may answer, modelled or not (the API reference's common errors). */
const COMMON_ERRORS = new Set([
  "AccessDeniedException",
  "IncompleteSignature",
  "InternalFailure",
  "InvalidAction",
  "InvalidClientTokenId",
  "InvalidSignatureException",
  "NotAuthorized",
  "RequestExpired",
  "ServiceUnavailable",
  "ThrottlingException",
  "UnrecognizedClientException",
  "ValidationException",
  "SerializationException",
  "UnknownOperationException",
  "ExpiredTokenException",
]);

/**
 * EC2's model lists no error for any operation: its errors are codes on the wire, published in the
 * EC2 API reference ("Error codes for the Amazon EC2 API"). These are the ones the simulator's EC2
 * operations may answer: the common ones, and each Describe*'s malformed and not-found ids.
 */
const EC2_ERRORS = new Set([
  "UnauthorizedOperation",
  "RequestLimitExceeded",
  "InternalError",
  "Unavailable",
  "DryRunOperation",
  "InvalidAction",
  "UnknownParameter",
  "InvalidParameterValue",
  "InvalidParameterCombination",
  "InvalidPaginationToken",
  "MissingParameter",
  "InvalidSubnetID.Malformed",
  "InvalidSubnetID.NotFound",
  "InvalidGroupId.Malformed",
  "InvalidGroup.NotFound",
  "InvalidVpcID.Malformed",
  "InvalidVpcID.NotFound",
  "InvalidNetworkInterfaceID.Malformed",
  "InvalidNetworkInterfaceID.NotFound",
]);

/** Whether AWS could answer `operation` with `code`: its model lists it, or every operation may. */
export function errorIsModelled(service: Service, operation: string, code: string): boolean {
  if (service === "ec2") return EC2_ERRORS.has(code) && operation in MODELS.ec2.operations;
  if (COMMON_ERRORS.has(code)) return true;
  return MODELS[service].operations[operation]?.errors.includes(code) ?? false;
}
