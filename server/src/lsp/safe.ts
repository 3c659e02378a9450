/** Keeps one failing request or notification from taking the server (or other requests) down. */
import { ErrorCodes, LSPErrorCodes, ResponseError, type CancellationToken, type Connection } from 'vscode-languageserver/node';
import { AnalysisCancelled } from '../documents/backgroundAnalysis';

function cancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'celery-signals: the request was cancelled');
}

let requestListener: (() => void) | undefined;

/** Hears of every request as it comes (the server tells the analysis thread that requests are coming). */
export function onEveryRequest(listener: () => void): void {
  requestListener = listener;
}

/**
 * `validate` throws a ResponseError (InvalidParams) for parameters the handler cannot take. A request
 * its client cancelled (`$/cancelRequest`) is answered RequestCancelled, whatever the handler found.
 */
export function guardRequest<P, R>(
  connection: Connection,
  name: string,
  handler: (params: P, token?: CancellationToken) => R | Promise<R>,
  validate?: (params: unknown) => void,
): (params: P, token?: CancellationToken) => Promise<R> {
  return async (params: P, token?: CancellationToken) => {
    requestListener?.();
    try {
      validate?.(params);
      const result = await handler(params, token);
      if (token?.isCancellationRequested) throw cancelled();
      return result;
    } catch (error) {
      if (error instanceof ResponseError) throw error;
      if (error instanceof AnalysisCancelled) throw cancelled();
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
