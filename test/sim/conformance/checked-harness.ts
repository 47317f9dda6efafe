// A harness per test whose every successful answer is checked against the operation's output shape in
// AWS's model (members the model lacks, values it forbids): the new operations' answers are held to the
// same rule responses.test.ts holds kcs's calls to.
import { afterEach, expect } from "vitest";
import { responseProblems } from "../../../src/sim/model/validate.js";
import type { World } from "../../../src/sim/world.js";
import { type Harness, harness, type Transport } from "../../helpers/sim.js";

/**
 * ListTags must answer a TagList, and an untagged resource has none to give: AWS answers an empty
 * list, which the model's "min 1" forbids. That one contradiction of the model is AWS's, not ours.
 */
const KNOWN =
  /^cloudhsmv2:ListTags Value '\[\]' at 'tagList' failed to satisfy constraint: Member must have length greater than or equal to 1$/;

export function checkedHarnessPerTest(transport: Transport): (world: World) => Promise<Harness> {
  let current: Harness | undefined;
  let problems: string[] = [];
  afterEach(async () => {
    await current?.close();
    current = undefined;
    const found = problems.filter((p) => !KNOWN.test(p));
    problems = [];
    expect(found, "answers the model does not allow").toEqual([]);
  });
  return async (world) => {
    current = await harness(world, transport, {
      onAnswer: (service, operation, output) => {
        for (const p of responseProblems(service, operation, output))
          problems.push(`${service}:${operation} ${p}`);
      },
    });
    return current;
  };
}
