import { MODELS, type ServiceModel, type Shape } from "../../../src/sim/model/shapes.js";

/**
 * Requests generated from AWS's models: a valid one for each operation the simulator serves, and one
 * per constraint of its input with exactly that constraint broken. What a request must satisfy comes
 * from the same tables the simulator validates with, so a constraint the simulator forgets fails here.
 */

/** Values that satisfy the model's patterns (the one thing a generator cannot invent). */
const SAMPLES: Record<string, string> = {
  MarkerType: "marker",
  CloudHsmClusterIdType: "cluster-abcdefghijk",
  XksProxyUriEndpointType: "https://xks.example.com",
  XksProxyUriPathType: "/kms/xks/v1",
  XksProxyVpcEndpointServiceNameType: "com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0",
  AccountIdType: "111122223333",
  XksProxyAuthenticationAccessKeyIdType: "ABCDEFGHIJKLMNOPQRST",
  XksProxyAuthenticationRawSecretAccessKeyType: "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LTAxMjM0NQ",
  PolicyType: '{"Version":"2012-10-17","Statement":[]}',
  XksKeyIdType: "xks-key-1",
  Field: "clusterIds",
  NextToken: "token",
  BackupRetentionValue: "90",
  HsmType: "hsm1.medium",
  BackupArn: "backup-abcdefghijk",
  SubnetId: "subnet-0123456789abcdef0",
  TagKey: "team",
  TagValue: "kms",
  ClusterId: "cluster-abcdefghijk",
  ExternalAz: "eu-west-1a",
  IpAddress: "10.0.0.10",
  HsmId: "hsm-abcdefghijk",
  EniId: "eni-0123456789abcdef0",
};

export interface ConstraintCase {
  name: string;
  input: Record<string, unknown>;
  /** The member path and constraint text AWS names. */
  at: string;
  constraint: string;
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

function valid(model: ServiceModel, shapeName: string, depth = 0): unknown {
  const s = model.shapes[shapeName]!;
  switch (s.type) {
    case "structure": {
      const out: Record<string, unknown> = {};
      if (depth > 4) return out;
      for (const m of s.required ?? []) out[m] = valid(model, s.members![m]!, depth + 1);
      return out;
    }
    case "list":
      return Array.from({ length: s.min ?? 0 }, () => valid(model, s.member!, depth + 1));
    case "map":
      return {};
    case "string":
      if (s.enum) return s.enum[0];
      if (s.pattern !== undefined) return SAMPLES[shapeName] ?? "a".repeat(Math.max(1, s.min ?? 1));
      return "a".repeat(Math.max(1, s.min ?? 1));
    case "blob":
      return Buffer.alloc(Math.max(1, s.min ?? 1), 7).toString("base64");
    case "integer":
    case "long":
      return s.min ?? 1;
    case "boolean":
      return true;
    case "timestamp":
      return 1_700_000_000;
    default:
      return 1;
  }
}

/** Broken values for one shape, each with the constraint AWS names for it. */
function broken(shape: Shape, shapeName: string): { value: unknown; constraint: string }[] {
  const out: { value: unknown; constraint: string }[] = [];
  const sample = (len: number) => (SAMPLES[shapeName] ?? "a").padEnd(len, "a").slice(0, len);
  if (shape.type === "string" || shape.type === "blob" || shape.type === "list") {
    const make = (len: number) =>
      shape.type === "string"
        ? sample(len)
        : shape.type === "blob"
          ? Buffer.alloc(len, 7).toString("base64")
          : Array.from({ length: len }, () => undefined);
    if (shape.min !== undefined && shape.min > 0 && shape.type !== "list")
      out.push({
        value: make(shape.min - 1),
        constraint: `Member must have length greater than or equal to ${shape.min}`,
      });
    if (shape.max !== undefined && shape.max < 100_000 && shape.type !== "list")
      out.push({
        value: make(shape.max + 1),
        constraint: `Member must have length less than or equal to ${shape.max}`,
      });
  }
  if (shape.type === "string" && shape.pattern !== undefined && shape.type === "string") {
    const bad = "\u0001".repeat(Math.max(1, shape.min ?? 1));
    if (!new RegExp(`^(?:${shape.pattern.replace(/^\(\?s\)/, "")})$`, "u").test(bad))
      out.push({
        value: bad,
        constraint: `Member must satisfy regular expression pattern: ${shape.pattern}`,
      });
  }
  if (shape.type === "string" && shape.enum)
    out.push({
      value: "NOT_A_MODELLED_VALUE",
      constraint: `Member must satisfy enum value set: [${shape.enum.join(", ")}]`,
    });
  if (shape.type === "integer" || shape.type === "long") {
    if (shape.min !== undefined)
      out.push({
        value: shape.min - 1,
        constraint: `Member must have value greater than or equal to ${shape.min}`,
      });
    if (shape.max !== undefined)
      out.push({
        value: shape.max + 1,
        constraint: `Member must have value less than or equal to ${shape.max}`,
      });
  }
  return out;
}

/** Every top-level member constraint of `operation`'s input, broken one at a time. */
export function constraintCases(service: keyof typeof MODELS, operation: string): ConstraintCase[] {
  const model = MODELS[service];
  const inputName = model.operations[operation]?.input;
  if (!inputName) return [];
  const input = model.shapes[inputName]!;
  const base = valid(model, inputName) as Record<string, unknown>;
  const cases: ConstraintCase[] = [];
  for (const [member, target] of Object.entries(input.members ?? {})) {
    const shape = model.shapes[target]!;
    if (input.required?.includes(member)) {
      const { [member]: _gone, ...rest } = base;
      cases.push({
        name: `${member} missing`,
        input: rest,
        at: lowerFirst(member),
        constraint: "Member must not be null",
      });
    }
    for (const b of broken(shape, target)) {
      cases.push({
        name: `${member}: ${b.constraint.replace(/^Member must (have|satisfy) /, "").slice(0, 60)}`,
        input: { ...base, [member]: b.value },
        at: lowerFirst(member),
        constraint: b.constraint,
      });
    }
    for (const n of nestedCases(model, target, lowerFirst(member)))
      cases.push({ ...n, name: `${member}${n.name}`, input: { ...base, [member]: n.value } });
  }
  return cases;
}

/**
 * One level down: the members of a structure, of a list's structures, or a list's strings, each
 * broken inside an otherwise valid value; AWS names the place as `tags.1.member.tagKey`.
 */
function nestedCases(
  model: ServiceModel,
  shapeName: string,
  at: string,
): { name: string; value: unknown; at: string; constraint: string }[] {
  const shape = model.shapes[shapeName]!;
  const inStructure = (structName: string, wrap: (v: unknown) => unknown, where: string) => {
    const struct = model.shapes[structName]!;
    const whole = valid(model, structName) as Record<string, unknown>;
    const out: { name: string; value: unknown; at: string; constraint: string }[] = [];
    for (const [m, t] of Object.entries(struct.members ?? {})) {
      if (struct.required?.includes(m)) {
        const { [m]: _gone, ...rest } = whole;
        out.push({
          name: `.${m} missing`,
          value: wrap(rest),
          at: `${where}.${lowerFirst(m)}`,
          constraint: "Member must not be null",
        });
      }
      for (const b of broken(model.shapes[t]!, t))
        out.push({
          name: `.${m}: ${b.constraint.replace(/^Member must (have|satisfy) /, "").slice(0, 50)}`,
          value: wrap({ ...whole, [m]: b.value }),
          at: `${where}.${lowerFirst(m)}`,
          constraint: b.constraint,
        });
    }
    return out;
  };
  if (shape.type === "structure") return inStructure(shapeName, (v) => v, at);
  if (shape.type !== "list") return [];
  const item = model.shapes[shape.member!]!;
  if (item.type === "structure") return inStructure(shape.member!, (v) => [v], `${at}.1.member`);
  return broken(item, shape.member!).map((b) => ({
    name: `[1]: ${b.constraint.replace(/^Member must (have|satisfy) /, "").slice(0, 50)}`,
    value: [b.value],
    at: `${at}.1.member`,
    constraint: b.constraint,
  }));
}

export const validInput = (service: keyof typeof MODELS, operation: string) => {
  const model = MODELS[service];
  const inputName = model.operations[operation]?.input;
  return inputName ? (valid(model, inputName) as Record<string, unknown>) : {};
};
