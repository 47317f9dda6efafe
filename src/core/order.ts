/**
 * Orders strings by UTF-16 code unit, as `<` does. Not `localeCompare`: that loads ICU's collation
 * data on first use (10 ms of a cold doctor, for sorting ISO timestamps) and orders differently
 * under another locale, so the same world would give reports in different orders.
 */
export function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
