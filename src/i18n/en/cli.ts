/** The parser's words: global flags, command descriptions, examples, the exit statuses. */
export const cli = {
  flag: {
    lang: "Language of what kcs prints: en or ja (env KCS_LANG, else LC_ALL/LC_MESSAGES/LANG); JSON keeps its English codes",
  },
} as const;
