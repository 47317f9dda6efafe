import * as CloudHsmV2 from "@aws-sdk/client-cloudhsm-v2";
import * as CloudTrail from "@aws-sdk/client-cloudtrail";
import * as Kms from "@aws-sdk/client-kms";
import { describe, expect, it } from "vitest";
import { MODELS } from "../../../src/sim/model/shapes.js";
import { OPERATIONS } from "../../../src/sim/operations.js";
import { caught, freshWorld } from "../../helpers/conformance.js";
import { type Harness, harness } from "../../helpers/sim.js";
import { constraintCases } from "./model-cases.js";

/** The code AWS answers a broken constraint with, per service (CloudTrail's depend on the member). */
const CODE: Record<string, RegExp> = {
  kms: /^ValidationException$/,
  cloudhsmv2: /^CloudHsmInvalidRequestException$/,
  cloudtrail: /^Invalid[A-Za-z]+Exception$/,
};

const SERVICES = ["kms", "cloudhsmv2", "cloudtrail"] as const;
type Service = (typeof SERVICES)[number];
const CASES = SERVICES.flatMap((service) =>
  Object.keys(OPERATIONS[service]).flatMap((operation) =>
    constraintCases(service, operation).map((c) => ({ service, operation, ...c })),
  ),
);

/** The SDK's own command for an operation, given its input as the SDK takes it (bytes and dates). */
function command(service: Service, operation: string, input: Record<string, unknown>) {
  const model = MODELS[service];
  const shape = model.shapes[model.operations[operation]!.input!]!;
  const sdkInput = Object.fromEntries(
    Object.entries(input).map(([k, v]) => {
      const type = model.shapes[shape.members?.[k] ?? ""]?.type;
      if (type === "blob" && typeof v === "string") return [k, Buffer.from(v, "base64")];
      if (type === "timestamp" && typeof v === "number") return [k, new Date(v * 1000)];
      return [k, v];
    }),
  );
  const module = { kms: Kms, cloudhsmv2: CloudHsmV2, cloudtrail: CloudTrail }[service] as unknown as Record<
    string,
    new (
      input: unknown,
    ) => never
  >;
  return new module[`${operation}Command`]!(sdkInput);
}

function client(h: Harness, service: Service) {
  return { kms: h.clients.kms, cloudhsmv2: h.clients.cloudhsm, cloudtrail: h.clients.cloudtrail }[
    service
  ] as {
    send(c: unknown): Promise<unknown>;
  };
}

describe.each(["in-process", "http"] as const)(
  "every modelled constraint of every served operation, through the SDK (%s)",
  (transport) => {
    it("covers most operations the simulator serves (one whose input has no constraint has no case)", () => {
      const covered = new Set(CASES.map((c) => `${c.service}:${c.operation}`));
      const served = SERVICES.flatMap((s) => Object.keys(OPERATIONS[s]).map((o) => `${s}:${o}`));
      expect(covered.size).toBeGreaterThan(served.length * 0.8);
    });

    it.each(CASES.map((c) => [`${c.service}:${c.operation} ${c.name}`, c] as const))(
      "%s",
      async (_name, c) => {
        const h = await harness(freshWorld("healthy"), transport);
        try {
          const err = (await caught(() =>
            client(h, c.service).send(command(c.service, c.operation, c.input)),
          )) as Error & {
            $metadata?: { httpStatusCode?: number };
          };
          expect(err.name).toMatch(CODE[c.service]!);
          expect(err.$metadata?.httpStatusCode).toBe(400);
          expect(err.message).toMatch(/^\d+ validation errors? detected: /);
          expect(err.message).toContain(`at '${c.at}' failed to satisfy constraint: ${c.constraint}`);
          // Validation comes before anything is looked up or changed.
          expect(h.sim.calls.at(-1)?.error).toBe(err.name);
        } finally {
          await h.close();
        }
      },
    );
  },
);
