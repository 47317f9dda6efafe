import { describe, expect, it } from "vitest";
import { VirtualClock } from "../../src/sim/clock.js";
import { CUSTOM_KEY_STORE_CRYPTO_RPS, MemoryWorldStore, Simulator } from "../../src/sim/engine.js";
import { scenarioWorld } from "../helpers/sim.js";

describe("each CloudHSM key store's own cryptographic quota", () => {
  it(`throttles the ${CUSTOM_KEY_STORE_CRYPTO_RPS + 1}th request in one second to one store, whatever the account quota, and refills`, async () => {
    const world = scenarioWorld("fleet");
    let now = 0;
    const sim = new Simulator(new MemoryWorldStore(world), {
      clock: new VirtualClock(world.clock.simAnchorMs),
      quotaClock: () => now,
    });
    const connected = world.stores.filter(
      (s) => s.CustomKeyStoreType === "AWS_CLOUDHSM" && s.ConnectionState === "CONNECTED",
    );
    const [a, b] = connected.map((s) => s.CustomKeyStoreId);
    const random = (id: string) =>
      sim.call("kms", "GenerateRandom", { NumberOfBytes: 1, CustomKeyStoreId: id });
    for (let i = 0; i < CUSTOM_KEY_STORE_CRYPTO_RPS; i++) await random(a!);
    await expect(random(a!)).rejects.toMatchObject({ code: "ThrottlingException" });
    await expect(random(b!)).resolves.toHaveProperty("Plaintext");
    now += 1000;
    await expect(random(a!)).resolves.toHaveProperty("Plaintext");
  });

  it("counts Decrypt against the store of the key inside the ciphertext", async () => {
    const world = scenarioWorld("healthy");
    let now = 0;
    const sim = new Simulator(new MemoryWorldStore(world), {
      clock: new VirtualClock(world.clock.simAnchorMs),
      quotaClock: () => now,
    });
    const key = world.keys.find((k) => k.baseState === "Enabled")!;
    const { CiphertextBlob } = (await sim.call("kms", "Encrypt", {
      KeyId: key.KeyId,
      Plaintext: Buffer.from("x").toString("base64"),
    })) as {
      CiphertextBlob: string;
    };
    for (let i = 1; i < CUSTOM_KEY_STORE_CRYPTO_RPS; i++)
      await sim.call("kms", "Decrypt", { CiphertextBlob });
    await expect(sim.call("kms", "Decrypt", { CiphertextBlob })).rejects.toMatchObject({
      code: "ThrottlingException",
    });
    now += 1000;
    await expect(sim.call("kms", "Decrypt", { CiphertextBlob })).resolves.toHaveProperty("Plaintext");
  });
});
