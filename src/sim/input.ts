import { createHash } from "node:crypto";
import { awsError, SENSITIVE, validationError } from "./errors.js";

export type Input = Record<string, unknown>;

/** How a service reports a malformed parameter: KMS says ValidationException; others have their own. */
export type InvalidParam = (field: string, value: unknown, constraint: string) => Error;

export const kmsInvalid: InvalidParam = (field, value, constraint) =>
  validationError(field.charAt(0).toLowerCase() + field.slice(1), value, constraint);

export const hsmInvalid: InvalidParam = (field, _value, constraint) =>
  awsError("CloudHsmInvalidRequestException", `Invalid value for ${field}: ${constraint}`);

interface StrRule {
  /** A secret (a password): a refusal never repeats its value. */
  sensitive?: boolean;
  min?: number;
  max?: number;
  pattern?: RegExp;
  oneOf?: readonly string[];
}

export class Params {
  constructor(
    private readonly input: Input,
    private readonly invalid: InvalidParam,
  ) {}

  str(name: string, rule: StrRule & { required: true }): string;
  str(name: string, rule?: StrRule): string | undefined;
  str(name: string, rule: StrRule & { required?: boolean } = {}): string | undefined {
    const v = this.input[name];
    if (v === undefined || v === null) {
      if (rule.required) throw this.invalid(name, "null", "Member must not be null");
      return undefined;
    }
    const shown = rule.sensitive ? SENSITIVE : v;
    if (typeof v !== "string") throw this.invalid(name, shown, "Member must be a string");
    if (rule.min !== undefined && v.length < rule.min)
      throw this.invalid(name, shown, `Member must have length greater than or equal to ${rule.min}`);
    if (rule.max !== undefined && v.length > rule.max)
      throw this.invalid(name, shown, `Member must have length less than or equal to ${rule.max}`);
    if (rule.pattern && !rule.pattern.test(v))
      throw this.invalid(
        name,
        shown,
        `Member must satisfy regular expression pattern: ${rule.pattern.source}`,
      );
    if (rule.oneOf && !rule.oneOf.includes(v))
      throw this.invalid(name, shown, `Member must satisfy enum value set: [${rule.oneOf.join(", ")}]`);
    return v;
  }

  int(name: string, rule: { min?: number; max?: number } = {}): number | undefined {
    const v = this.input[name];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== "number" || !Number.isInteger(v))
      throw this.invalid(name, v, "Member must be an integer");
    if (rule.min !== undefined && v < rule.min)
      throw this.invalid(name, v, `Member must have value greater than or equal to ${rule.min}`);
    if (rule.max !== undefined && v > rule.max)
      throw this.invalid(name, v, `Member must have value less than or equal to ${rule.max}`);
    return v;
  }

  bool(name: string): boolean | undefined {
    const v = this.input[name];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== "boolean") throw this.invalid(name, v, "Member must be a boolean");
    return v;
  }

  /** Timestamps arrive as epoch seconds (a number, or a numeric string). Returns epoch ms. */
  time(name: string): number | undefined {
    const v = this.input[name];
    if (v === undefined || v === null) return undefined;
    const n = typeof v === "string" ? Number(v) : v;
    if (typeof n !== "number" || !Number.isFinite(n))
      throw this.invalid(name, v, "Member must be a timestamp");
    return Math.round(n * 1000);
  }

  list(name: string, rule: { min?: number; max?: number } = {}): unknown[] | undefined {
    const v = this.input[name];
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v)) throw this.invalid(name, v, "Member must be a list");
    if (rule.min !== undefined && v.length < rule.min)
      throw this.invalid(name, v, `Member must have length greater than or equal to ${rule.min}`);
    if (rule.max !== undefined && v.length > rule.max)
      throw this.invalid(name, v, `Member must have length less than or equal to ${rule.max}`);
    return v;
  }

  map(name: string): Record<string, unknown> | undefined {
    const v = this.input[name];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== "object" || Array.isArray(v)) throw this.invalid(name, v, "Member must be a map");
    return v as Record<string, unknown>;
  }

  /** Blobs travel as base64 strings. */
  blob(name: string, rule: { required?: boolean; min?: number; max?: number } = {}): Buffer | undefined {
    const v = rule.required ? this.str(name, { required: true }) : this.str(name);
    if (v === undefined) return undefined;
    const buf = Buffer.from(v, "base64");
    if (rule.min !== undefined && buf.length < rule.min)
      throw this.invalid(name, "blob", `Member must have length greater than or equal to ${rule.min}`);
    if (rule.max !== undefined && buf.length > rule.max)
      throw this.invalid(name, "blob", `Member must have length less than or equal to ${rule.max}`);
    return buf;
  }
}

/**
 * Opaque pagination tokens bound to the request they came from, as AWS's are. The binding is a short
 * digest: a long filter (many cluster ids) must not push a token past the 256 characters AWS allows.
 */
const bindDigest = (bind: string) => createHash("sha256").update(bind).digest("base64url").slice(0, 16);

export function encodeToken(offset: number, bind: string): string {
  return Buffer.from(JSON.stringify({ o: offset, b: bindDigest(bind) })).toString("base64url");
}

export function decodeToken(token: string, bind: string): number | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as {
      o?: unknown;
      b?: unknown;
    };
    if (typeof parsed.o !== "number" || parsed.b !== bindDigest(bind) || parsed.o < 0) return undefined;
    return parsed.o;
  } catch {
    return undefined;
  }
}
