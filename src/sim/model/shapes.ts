import cloudhsmv2 from "./aws/cloudhsmv2.json" with { type: "json" };
import cloudtrail from "./aws/cloudtrail.json" with { type: "json" };
import ec2 from "./aws/ec2.json" with { type: "json" };
import kms from "./aws/kms.json" with { type: "json" };

/** A shape of an AWS API model, as scripts/extract-aws-models.mjs keeps it (constraints only). */
export interface Shape {
  type:
    | "structure"
    | "string"
    | "integer"
    | "long"
    | "boolean"
    | "blob"
    | "timestamp"
    | "list"
    | "map"
    | "double"
    | "float";
  required?: string[];
  members?: Record<string, string>;
  /** The query and XML protocols' name of a member on the wire (its locationName), where it has one. */
  locations?: Record<string, string>;
  member?: string;
  /** The element each item of a list is wrapped in, in XML answers ("item" in EC2). */
  memberLocation?: string;
  key?: string;
  value?: string;
  min?: number;
  max?: number;
  pattern?: string;
  enum?: string[];
  sensitive?: boolean;
  exception?: boolean;
}

export interface ServiceModel {
  source: string;
  service: string;
  apiVersion: string;
  operations: Record<string, { input?: string; output?: string; errors: string[] }>;
  shapes: Record<string, Shape>;
}

/** The generated file keeps a structure's members as [member, shape] pairs (see the extractor). */
type StoredModel = Omit<ServiceModel, "shapes"> & {
  shapes: Record<
    string,
    Omit<Shape, "members"> & { members?: ([string, string] | [string, string, string])[] }
  >;
};

/**
 * The model as the simulator reads it (members and location names as maps). The bundle runs this at
 * build time (scripts/bundle.mjs) and marks the result `runtime`, so a cold start does not convert
 * 832 shapes (5-9 ms); the files keep pairs, and unbundled runs convert here.
 */
export function load(file: unknown): ServiceModel {
  // The bundle's models are parsed on first use (scripts/bundle.mjs); an unbundled run imports JSON.
  const lazy = (file as { lazyModel?: () => unknown }).lazyModel;
  const stored = typeof lazy === "function" ? lazy() : file;
  if ((stored as { runtime?: boolean }).runtime === true) return stored as ServiceModel;
  const m = stored as StoredModel;
  const shapes = Object.fromEntries(
    Object.entries(m.shapes).map(([name, s]) => [
      name,
      {
        ...s,
        ...(s.members ? { members: Object.fromEntries(s.members.map(([m, target]) => [m, target])) } : {}),
        ...(s.members?.some((m) => m.length === 3)
          ? {
              locations: Object.fromEntries(s.members.flatMap((m) => (m.length === 3 ? [[m[0], m[2]]] : []))),
            }
          : {}),
      } as Shape,
    ]),
  );
  return { ...m, shapes };
}

/** AWS's models of the services the simulator serves, generated from botocore (npm run models). */
export const MODELS: Readonly<Record<"kms" | "cloudhsmv2" | "cloudtrail" | "ec2", ServiceModel>> = lazyModels(
  {
    kms,
    cloudhsmv2,
    cloudtrail,
    // Only the operations the simulator serves, and the shapes they reach (see the extractor).
    ec2,
  },
);

/** Each model read (and, bundled, parsed) the first time a call of its service asks for it. */
function lazyModels<K extends string>(files: Record<K, unknown>): Readonly<Record<K, ServiceModel>> {
  const models = {} as Record<K, ServiceModel>;
  for (const name of Object.keys(files) as K[]) {
    let model: ServiceModel | undefined;
    Object.defineProperty(models, name, { enumerable: true, get: () => (model ??= load(files[name])) });
  }
  return models;
}
