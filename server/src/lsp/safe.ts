/** Keeps one failing request or notification from taking the server (or other requests) down. */
import { ErrorCodes, ResponseError, type Connection } from 'vscode-languageserver/node';

export function guardRequest<P, R>(connection: Connection, name: string, handler: (params: P) => R | Promise<R>): (params: P) => Promise<R> {
  return async (params: P) => {
    try {
      return await handler(params);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      connection.console.error(`${name} failed: ${error instanceof Error && error.stack ? error.stack : message}`);
      throw new ResponseError(ErrorCodes.InternalError, `celery-signals: ${name} failed: ${message}`);
    }
  };
}

export function guardNotification<P>(connection: Connection, name: string, handler: (params: P) => void | Promise<void>): (params: P) => void {
  return (params: P) => {
    Promise.resolve()
      .then(() => handler(params))
      .catch((error: unknown) => connection.console.error(`${name} failed: ${error instanceof Error && error.stack ? error.stack : String(error)}`));
  };
}
