/**
 * The custom requests between the VS Code client and the language server. Plain data shaped like LSP's
 * own types, so neither side imports the other's code or libraries.
 */

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

/** The signals of the catalogs in force for a document (users' catalogs included), for a picker. */
export const SIGNAL_CHOICES_REQUEST = 'celerySignals/signalChoices';

export interface SignalChoicesParams {
  textDocument: { uri: string };
}

export interface SignalChoice {
  name: string;
  category: string;
  /** One line, in the documentation language the server resolved. */
  summary: string;
  deprecated?: { replacement?: string };
}

export interface SignalChoicesResult {
  signals: SignalChoice[];
}

/** The edits that add a handler for `signal` to the document, near `position`. */
export const HANDLER_INSERTION_REQUEST = 'celerySignals/handlerInsertion';

export interface HandlerInsertionParams {
  textDocument: { uri: string };
  position: Position;
  /** A catalog name (`task_failure`, `app.on_after_configure`) or its last part. */
  signal: string;
}

export type HandlerInsertionResult =
  | {
      /** Applied first, to the document as it is. */
      importEdits: TextEdit[];
      /** Snippet syntax, inserted over `range`, which is in the document after `importEdits`. */
      snippet: string;
      range: Range;
    }
  | { problem: 'unknown-signal' | 'not-analysed' };

/**
 * `celerySignals/status`, a notification: what the server assumes, sent after every configuration
 * change so a client can show it (VS Code's language status item). Other clients ignore it.
 */
export const STATUS_NOTIFICATION = 'celerySignals/status';

export interface ServerStatus {
  /** The Celery release the rules judge against. */
  celeryVersion: string;
  /**
   * `setting`: celerySignals.celeryVersion; `project`: read from the workspace folder's lock,
   * requirements or project files (see `celeryVersionOrigin`); `catalog-latest`: neither, so the
   * catalog's newest release.
   */
  celeryVersionSource: 'setting' | 'project' | 'catalog-latest';
  /** With `project`: the entry the release was read from. */
  celeryVersionOrigin?: {
    /** Absolute path. */
    file: string;
    /** 1-based. */
    line: number;
    /** As written there (`>=5.2,<6`, `^5.3`, `5.3.4`). */
    specifier: string;
    /** The specifier allows several releases and the rules judge against the lowest. */
    lowestOfRange: boolean;
    kind: 'lock' | 'requirement';
  };
  /** Version files that exist but were left out (unreadable, unparsable, outside the workspace), one line each. */
  versionFileProblems: string[];
  /** User catalog files named by celerySignals.catalogs (absolute paths); empty for the bundled catalog only. */
  userCatalogs: string[];
  /** One line per user catalog that was ignored, and why. */
  catalogProblems: string[];
  signalCount: number;
}
