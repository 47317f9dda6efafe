/**
 * What a translation of an English catalog must hold: every key, each a string. English plural forms
 * come as `key_one` and `key_other`; Japanese has no plural forms, so i18next reads only `key_other`
 * and a translation leaves `_one` out. The compiler checks this shape; test/i18n/catalog-parity.test.ts
 * also checks that each translation uses the same {{placeholders}} as its English.
 */
export type Translation<T> = {
  [K in keyof T as K extends `${string}_one` ? never : K]: T[K] extends string ? string : Translation<T[K]>;
};
