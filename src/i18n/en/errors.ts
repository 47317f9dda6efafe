/** Error lines: one line on stderr, saying what to do. */
export const errors = {
  lang: {
    flag: "--lang {{value}}: kcs speaks en and ja; give --lang en or --lang ja.",
    env: "KCS_LANG={{value}}: kcs speaks en and ja; set KCS_LANG to en or ja, or unset it.",
  },
} as const;
