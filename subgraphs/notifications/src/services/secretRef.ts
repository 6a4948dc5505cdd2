const SECRET_REF = /^env:([A-Z_][A-Z0-9_]*)$/;

export const isSecretRef = (value: string) => SECRET_REF.test(value);

/** A secret reference that cannot be resolved now; the message never contains the secret, only what is missing. */
export class SecretUnavailableError extends Error {
  constructor(
    message: string,
    /** The variable's name: for the operator's log, not for API answers. */
    readonly variable: string | null,
  ) {
    super(message);
  }
}

/**
 * Reads an `env:NAME` secret from the environment at the moment it is used: never stored, never
 * cached, so rotating a key needs only a restart with the new value.
 */
export function resolveSecretRef(ref: string, what: string): string {
  const name = SECRET_REF.exec(ref)?.[1];
  if (!name) throw new SecretUnavailableError(`${what} is not a reference of the form env:VARIABLE_NAME`, null);
  const value = process.env[name];
  if (!value) throw new SecretUnavailableError(`${what} is not available: its environment variable is not set on the server`, name);
  return value;
}
