import type { en } from "./en/index.js";

// i18next reads these to type `t`: a key that is not in the English catalog does not compile.
declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "kcs";
    resources: { kcs: typeof en };
  }
}
