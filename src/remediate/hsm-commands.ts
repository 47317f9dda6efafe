/** The exact CloudHSM CLI lines (and the legacy Client SDK 3 forms) for what only a person on the HSM can do. */
export interface ManualCommands {
  commands: string[];
  legacyCommands: string[];
}

const CLI = "/opt/cloudhsm/bin/cloudhsm-cli interactive";
const CMU = "/opt/cloudhsm/bin/cloudhsm_mgmt_util /opt/cloudhsm/etc/cloudhsm_mgmt_util.cfg";
const KMU = "/opt/cloudhsm/bin/key_mgmt_util";
// Placeholders, never values: no secret is ever printed.
const NEW_PW = "<the new kmsuser password>";

export function manualCommands(action: string, input: Record<string, unknown>): ManualCommands {
  const cluster = String(input.ClusterId ?? "<cluster id>");
  const label = String(input.Label ?? "<KMS key ARN>");
  switch (action) {
    case "hsm.set-kmsuser-password":
      return {
        commands: [
          `# on a client instance of cluster ${cluster}`,
          CLI,
          "login --username admin --role admin",
          "user change-password --username kmsuser --role crypto-user   # enter the new kmsuser password when asked",
          "logout",
        ],
        legacyCommands: [
          CMU,
          "loginHSM CO admin <admin password>",
          `changePswd CU kmsuser ${NEW_PW}`,
          "logoutHSM",
        ],
      };
    case "hsm.create-kmsuser":
      return {
        commands: [
          `# on a client instance of cluster ${cluster}`,
          CLI,
          "login --username admin --role admin",
          "user create --username kmsuser --role crypto-user   # enter the kmsuser password when asked; no MFA",
          "logout",
        ],
        legacyCommands: [
          CMU,
          "loginHSM CO admin <admin password>",
          `createUser CU kmsuser ${NEW_PW}`,
          "logoutHSM",
        ],
      };
    case "hsm.logout-kmsuser":
      return {
        commands: [`# in every cloudhsm-cli session logged in as kmsuser on cluster ${cluster}`, "logout"],
        legacyCommands: [
          "# in every key_mgmt_util or cloudhsm_mgmt_util session logged in as kmsuser",
          "logoutHSM",
        ],
      };
    case "hsm.delete-key-material":
      return {
        commands: [
          `# on a client instance of cluster ${cluster}`,
          CLI,
          "login --username kmsuser --role crypto-user   # the new kmsuser password",
          `key list --filter attr.label=${label} --verbose   # exactly one key; check its backing key`,
          `key delete --filter attr.label=${label}`,
          "logout",
        ],
        legacyCommands: [
          KMU,
          `loginHSM -u CU -s kmsuser -p ${NEW_PW}`,
          `findKey -l ${label}`,
          // The handle findKey prints, not CloudTrail's: the two need not match.
          "deleteKey -k <the key handle findKey printed>",
          "logoutHSM",
        ],
      };
    case "hsm.verify-key-material":
      return {
        commands: [
          `# on a client instance of the restored cluster ${cluster}`,
          CLI,
          "login --username kmsuser --role crypto-user   # the new kmsuser password",
          ...((input.Labels as string[] | undefined) ?? [label]).map(
            (l) => `key list --filter attr.label=${l}   # must match one key`,
          ),
          "logout",
        ],
        legacyCommands: [
          KMU,
          `loginHSM -u CU -s kmsuser -p ${NEW_PW}`,
          ...((input.Labels as string[] | undefined) ?? [label]).map((l) => `findKey -l ${l}`),
          "logoutHSM",
        ],
      };
    default:
      return { commands: [], legacyCommands: [] };
  }
}
