import type { Connection } from 'mongoose';

const ferretDbByConnection = new WeakMap<Connection, Promise<boolean>>();

/** True when the server behind `connection` is FerretDB (its buildInfo carries `ferretdbVersion`). */
export function isFerretDb(connection: Connection): Promise<boolean> {
  let known = ferretDbByConnection.get(connection);
  if (!known) {
    known = connection
      .asPromise()
      .then((open) => open.db!.admin().command({ buildInfo: 1 }))
      .then((info) => 'ferretdbVersion' in info);
    // A failed probe is asked again next time rather than remembered.
    known.catch(() => ferretDbByConnection.delete(connection));
    ferretDbByConnection.set(connection, known);
  }
  return known;
}
