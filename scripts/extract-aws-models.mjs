#!/usr/bin/env node
// Extracts from AWS's own API models (botocore's service-2.json, shipped with the aws CLI v1 on these
// machines) what the simulator needs to be as strict as AWS: every operation's input shape, its
// modelled errors, and every shape's constraints (required, length, range, pattern, enum, type,
// sensitive). The output is committed (src/sim/model/aws/*.json), so neither the tests nor a user needs
// Python. Run it again when botocore is upgraded: npm run models
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";

const SERVICES = ["kms", "cloudhsmv2", "cloudtrail", "ec2"];
/**
 * EC2's model has hundreds of operations and thousands of shapes: keep only the operations the
 * simulator serves and the shapes they reach, so the generated file stays small.
 */
const ONLY = {
  ec2: [
    "DescribeSubnets",
    "DescribeSecurityGroups",
    "DescribeNetworkInterfaces",
    "DescribeVpcs",
    "DescribeRegions",
  ],
};
const KEEP = [
  "type",
  "required",
  "min",
  "max",
  "pattern",
  "enum",
  "sensitive",
  "member",
  "key",
  "value",
  "members",
  "exception",
  "error",
];

function botocoreData() {
  if (process.env.BOTOCORE_DATA) return process.env.BOTOCORE_DATA;
  const dir = execFileSync(
    "python3",
    ["-c", "import botocore,os;print(os.path.dirname(botocore.__file__))"],
    {
      encoding: "utf8",
    },
  ).trim();
  return join(dir, "data");
}

function loadModel(data, service) {
  const base = join(data, service);
  const version = readdirSync(base)
    .filter((v) => /^\d{4}-\d{2}-\d{2}$/.test(v))
    .sort()
    .pop();
  const plain = join(base, version, "service-2.json");
  const text = existsSync(plain)
    ? readFileSync(plain, "utf8")
    : gunzipSync(readFileSync(`${plain}.gz`)).toString("utf8");
  return { version, model: JSON.parse(text) };
}

/** A shape without its documentation; members keep only their target shape (and location names). */
function compact(shape) {
  const out = {};
  for (const k of KEEP) if (shape[k] !== undefined) out[k] = shape[k];
  // [member, shape] pairs rather than a map: a member named like a secret (KeyStorePassword) must not
  // read as one assigned a literal value to a secret scanner. The query and XML protocols (EC2) name
  // members on the wire by their locationName: a third element when there is one.
  if (shape.members)
    out.members = Object.entries(shape.members).map(([name, m]) =>
      m.locationName ? [name, m.shape, m.locationName] : [name, m.shape],
    );
  if (shape.member) out.member = shape.member.shape;
  // XML answers wrap each list item in an element of this name ("item" in EC2).
  if (shape.member?.locationName) out.memberLocation = shape.member.locationName;
  if (shape.key) out.key = shape.key.shape;
  if (shape.value) out.value = shape.value.shape;
  return out;
}

/** The shapes an operation's input, output and errors reach. */
function reachable(model, operations) {
  const seen = new Set();
  const visit = (name) => {
    if (seen.has(name)) return;
    seen.add(name);
    const s = model.shapes[name];
    for (const m of Object.values(s.members ?? {})) visit(m.shape);
    for (const k of ["member", "key", "value"]) if (s[k]) visit(s[k].shape);
  };
  for (const op of operations) for (const n of [op.input, op.output, ...op.errors]) if (n) visit(n);
  return seen;
}

const data = botocoreData();
const botocoreVersion = execFileSync("python3", ["-c", "import botocore;print(botocore.__version__)"], {
  encoding: "utf8",
}).trim();
for (const service of SERVICES) {
  const { version, model } = loadModel(data, service);
  const operations = {};
  const served = ONLY[service];
  for (const [name, op] of Object.entries(model.operations)) {
    if (served && !served.includes(name)) continue;
    operations[name] = {
      ...(op.input ? { input: op.input.shape } : {}),
      ...(op.output ? { output: op.output.shape } : {}),
      errors: (op.errors ?? []).map((e) => e.shape),
    };
  }
  const kept = served ? reachable(model, Object.values(operations)) : new Set(Object.keys(model.shapes));
  const shapes = Object.fromEntries(
    Object.entries(model.shapes)
      .filter(([name]) => kept.has(name))
      .map(([name, s]) => [name, compact(s)]),
  );
  const out = {
    source: `botocore ${botocoreVersion} data/${service}/${version}/service-2.json`,
    service,
    apiVersion: version,
    protocol: model.metadata.protocol,
    operations,
    shapes,
  };
  const path = join("src", "sim", "model", "aws", `${service}.json`);
  writeFileSync(path, `${JSON.stringify(out)}\n`);
  console.log(
    `${path}: ${Object.keys(operations).length} operations, ${Object.keys(shapes).length} shapes (${out.source})`,
  );
}
