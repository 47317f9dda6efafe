import type { OpContext } from "../context.js";
import { type AwsError, awsError } from "../errors.js";
import { decodeToken, encodeToken, type Input } from "../input.js";

/** What a filter compares: one value, several (a group's rules), or none (absent: never matches). */
export type FilterValue = string | number | boolean | undefined | readonly (string | number | undefined)[];

/** How one EC2 Describe* operation finds its resources. */
export interface DescribeSpec<T> {
  /** The request member holding ids ("SubnetIds"), and the resource each id names. */
  idsMember: string;
  idOf: (item: T) => string;
  /** An id of the wrong form: EC2's `<Resource>ID.Malformed` answer. */
  malformed: { pattern: RegExp; code: string; expecting: string };
  /** Ids that do not exist: EC2's `<Resource>ID.NotFound` answer. */
  notFound: (missing: string[]) => AwsError;
  /** EC2's filter names (and the aliases it also accepts) and the value each reads. */
  filters: Record<string, (item: T) => FilterValue>;
  /** The answer's list member ("Subnets") and one item as the model shapes it. */
  resultMember: string;
  view: (item: T) => Record<string, unknown>;
}

/** EC2's wildcards in filter values: `*` any run of characters, `?` exactly one. */
function matcher(pattern: string): (value: string) => boolean {
  if (!/[*?]/.test(pattern)) return (v) => v === pattern;
  const source = pattern
    .split("")
    .map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[.+^${}()|[\]\\]/g, "\\$&")))
    .join("");
  const re = new RegExp(`^${source}$`, "s");
  return (v) => re.test(v);
}

interface Filter {
  name: string;
  values: string[];
}

function filtersOf(input: Input): Filter[] {
  const raw = input.Filters;
  if (!Array.isArray(raw)) return [];
  return raw.map((f) => {
    const { Name, Values } = (f ?? {}) as { Name?: unknown; Values?: unknown };
    if (typeof Name !== "string" || Name === "")
      throw awsError("InvalidParameterValue", "The filter 'null' is invalid");
    const values = Array.isArray(Values) ? Values.filter((v): v is string => typeof v === "string") : [];
    return { name: Name, values };
  });
}

/** A request with DryRun set is checked for permission only (the engine already did that). */
export function refuseDryRun(input: Input): void {
  if (input.DryRun === true)
    throw awsError("DryRunOperation", "Request would have succeeded, but DryRun flag is set.");
}

/**
 * One EC2 Describe* call: ids (every one must exist), filters (AND across filters, OR across a
 * filter's values, wildcards allowed), then MaxResults/NextToken pages. EC2 answers an unknown filter
 * name with InvalidParameterValue and a token from another request with InvalidPaginationToken.
 */
export function describeResources<T>(
  _ctx: OpContext,
  input: Input,
  items: readonly T[],
  spec: DescribeSpec<T>,
): Record<string, unknown> {
  refuseDryRun(input);
  const ids = Array.isArray(input[spec.idsMember])
    ? (input[spec.idsMember] as unknown[]).filter((v): v is string => typeof v === "string")
    : [];
  const bad = ids.find((id) => !spec.malformed.pattern.test(id));
  if (bad !== undefined)
    throw awsError(spec.malformed.code, `Invalid id: "${bad}" (expecting "${spec.malformed.expecting}")`);
  let found = [...items];
  if (ids.length > 0) {
    const missing = [...new Set(ids)].filter((id) => !items.some((i) => spec.idOf(i) === id));
    if (missing.length > 0) throw spec.notFound(missing);
    found = found.filter((i) => ids.includes(spec.idOf(i)));
  }
  for (const filter of filtersOf(input)) {
    const read = Object.hasOwn(spec.filters, filter.name) ? spec.filters[filter.name] : undefined;
    if (!read) throw awsError("InvalidParameterValue", `The filter '${filter.name}' is invalid`);
    const tests = filter.values.map(matcher);
    found = found.filter((item) => {
      const value = read(item);
      const values = (Array.isArray(value) ? value : [value]).filter((v) => v !== undefined).map(String);
      return values.some((v) => tests.some((t) => t(v)));
    });
  }
  const max = typeof input.MaxResults === "number" ? input.MaxResults : undefined;
  const bind = JSON.stringify({ ids, filters: input.Filters ?? null, max });
  let offset = 0;
  if (typeof input.NextToken === "string") {
    const at = decodeToken(input.NextToken, bind);
    if (at === undefined)
      throw awsError("InvalidPaginationToken", `Invalid pagination token: ${input.NextToken}`);
    offset = at;
  }
  const page = max === undefined ? found.slice(offset) : found.slice(offset, offset + max);
  const next = max !== undefined && offset + max < found.length ? encodeToken(offset + max, bind) : undefined;
  return { [spec.resultMember]: page.map(spec.view), ...(next ? { NextToken: next } : {}) };
}

/** EC2's not-found message names every missing id, quoted and comma-separated. */
export function quoteIds(ids: string[]): string {
  return ids.map((id) => `'${id}'`).join(", ");
}
