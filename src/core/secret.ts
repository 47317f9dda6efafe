/** How every secret is shown: in output, logs, plan files, errors and call records alike. */
export const MASK = "********";

/** A secret that prints as MASK everywhere unless `reveal()` hands it to the one call that needs it. */
export class Secret {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
  }
  reveal(): string {
    return this.#value;
  }
  toString(): string {
    return MASK;
  }
  toJSON(): string {
    return MASK;
  }
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return MASK;
  }
}

/** kmsuser's password as CloudHSM and KMS accept it: 7 to 32 ASCII letters and digits. */
export const PASSWORD_RULE = /^[A-Za-z0-9]{7,32}$/;

/** Replaces every occurrence of the secret in text a child process or a service wrote. */
export function redact(text: string, secret: Secret | undefined): string {
  const value = secret?.reveal();
  return value ? text.replaceAll(value, MASK) : text;
}
