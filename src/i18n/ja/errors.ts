import type { errors as en } from "../en/errors.js";
import type { Translation } from "../translation.js";

export const errors: Translation<typeof en> = {
  lang: {
    flag: "--lang {{value}}: kcs が話せるのは en と ja です。--lang en または --lang ja を指定してください。",
    env: "KCS_LANG={{value}}: kcs が話せるのは en と ja です。KCS_LANG を en か ja にするか、設定を外してください。",
  },
};
