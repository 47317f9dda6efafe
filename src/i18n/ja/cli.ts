import type { cli as en } from "../en/cli.js";
import type { Translation } from "../translation.js";

export const cli: Translation<typeof en> = {
  flag: {
    lang: "kcs が表示する言語: en または ja (環境変数 KCS_LANG、なければ LC_ALL/LC_MESSAGES/LANG)。JSON のコードは英語のまま",
  },
};
