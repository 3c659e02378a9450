/** Keeps one failing request or notification from taking the server (or other requests) down. */
import { ErrorCodes, ResponseError, type Connection } from 'vscode-languageserver/node';

/** `validate` throws a ResponseError (InvalidParams) for parameters the handler cannot take. */
export function guardRequest<P, R>(
  connection: Connection,
  name: string,
  handler: (params: P) => R | Promise<R>,
  validate?: (params: unknown) => void,
): (params: P) => Promise<R> {
  return async (params: P) => {
    try {
      validate?.(params);
      return await handler(params);
    } catch (error) {
      if (error instanceof ResponseError) throw error;
      const message = error instanceof Error ? error.message : String(error);
      connection.console.error(`${name} failed: ${error instanceof Error && error.stack ? error.stack : message}`);
      throw new ResponseError(ErrorCodes.InternalError, `celery-signals: ${name} failed: ${message}`);
    }
  };
}

/** `problemOf` names what is wrong with a notification's shape; such a notification is ignored. */
export function guardNotification<P>(
  connection: Connection,
  name: string,
  handler: (params: P) => void | Promise<void>,
  problemOf?: (params: unknown) => string | undefined,
): (params: P) => void {
  return (params: P) => {
    const problem = problemOf?.(params);
    if (problem) {
      connection.console.warn(`${name} ignored: ${problem}`);
      return;
    }
    Promise.resolve()
      .then(() => handler(params))
      .catch((error: unknown) => connection.console.error(`${name} failed: ${error instanceof Error && error.stack ? error.stack : String(error)}`));
  };
}
