/** Where the AWS APIs are answered: the bundled simulator or AWS itself. */
export const BACKEND_KINDS = ["sim", "aws"] as const;
export type BackendKind = (typeof BACKEND_KINDS)[number];

/** What selects and configures a backend (the global flags of the same names). */
export interface BackendOptions {
  backend: BackendKind;
  simState?: string;
  region?: string;
  profile?: string;
  endpointUrl?: string;
  /** --request-timeout: how long one AWS request may take, connecting included (a duration). */
  requestTimeout?: string;
}
