import { describe, expect, it } from "vitest";
import { chooseLang, langFlag, localeLang } from "../../src/i18n/lang.js";

describe("the run's language", () => {
  it("reads the POSIX locale in its order of precedence: LC_ALL, LC_MESSAGES, LANG", () => {
    expect(localeLang({ LANG: "ja_JP.UTF-8" })).toBe("ja");
    expect(localeLang({ LANG: "ja" })).toBe("ja");
    expect(localeLang({ LC_MESSAGES: "ja_JP", LANG: "en_US.UTF-8" })).toBe("ja");
    expect(localeLang({ LC_ALL: "en_US.UTF-8", LC_MESSAGES: "ja_JP.UTF-8", LANG: "ja_JP.UTF-8" })).toBe("en");
    // An empty variable is unset, as POSIX has it.
    expect(localeLang({ LC_ALL: "", LANG: "ja_JP.eucJP" })).toBe("ja");
  });

  it("speaks English for a locale it lacks, C and POSIX, or none", () => {
    for (const LANG of ["fr_FR.UTF-8", "C", "POSIX", "C.UTF-8", "jam_JM", ""])
      expect(localeLang({ LANG })).toBe("en");
    expect(localeLang({})).toBe("en");
  });

  it("lets --lang override KCS_LANG, and KCS_LANG the locale", () => {
    expect(chooseLang(["doctor", "--lang", "en"], { KCS_LANG: "ja", LANG: "ja_JP.UTF-8" })).toEqual({
      lang: "en",
    });
    expect(chooseLang(["--lang=ja", "doctor"], { KCS_LANG: "en" })).toEqual({ lang: "ja" });
    expect(chooseLang(["doctor"], { KCS_LANG: "ja", LC_ALL: "en_US.UTF-8" })).toEqual({ lang: "ja" });
    expect(chooseLang(["doctor"], { LC_ALL: "ja_JP.UTF-8" })).toEqual({ lang: "ja" });
  });

  it("refuses a language asked for by name that kcs lacks, and says so in the locale's language", () => {
    expect(chooseLang(["--lang", "fr"], { LANG: "ja_JP.UTF-8" })).toEqual({
      lang: "ja",
      refused: { source: "flag", value: "fr" },
    });
    expect(chooseLang(["doctor"], { KCS_LANG: "jp" })).toEqual({
      lang: "en",
      refused: { source: "env", value: "jp" },
    });
    // A bare --lang at the end is left to the parser, which says it needs a value.
    expect(chooseLang(["doctor", "--lang"], {})).toEqual({ lang: "en" });
  });

  it("takes the last --lang, and none after --", () => {
    expect(langFlag(["--lang", "en", "doctor", "--lang", "ja"])).toBe("ja");
    expect(langFlag(["sim", "hsm", "--", "--lang", "ja"])).toBeUndefined();
  });
});
