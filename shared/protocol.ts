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

/**
 * The signal map: every signal the project's receivers handle, grouped by the life Celery sends it in
 * (a task's, a worker's, the app's...) and in the order it is sent, each with its receivers. Labels
 * come in the documentation language the server resolved.
 */
export const SIGNAL_MAP_REQUEST = 'celerySignals/signalMap';

export type SignalMapParams = Record<string, never>;

export interface SignalMapReceiver {
  /** The receiver's function name, or the receiver as written. */
  name: string;
  uri: string;
  /** Where to jump: the receiver's definition, or the receiver in the connect. */
  range: Range;
  /** The module (`proj.tasks`) or the file name. */
  container: string;
  /** The `sender=` filter as written. */
  sender?: string;
}

export interface SignalMapSignal {
  name: string;
  /** One-based position in its life; signals on one step are alternatives or simultaneous. */
  step?: number;
  summary: string;
  /** The process whose receivers run, in words. */
  runsIn?: string;
  receivers: SignalMapReceiver[];
}

export interface SignalMapLife {
  /** `task`, `worker`, `app`, `testWorker`, or `other` for signals no life places. */
  id: string;
  label: string;
  signals: SignalMapSignal[];
}

export interface SignalMapResult {
  lives: SignalMapLife[];
}

/**
 * A notification without parameters, coalesced: the project's facts may have changed (a document was
 * opened, edited or closed, or the project index took in changed files). A client that shows the
 * signal map asks for it again.
 */
export const PROJECT_CHANGED_NOTIFICATION = 'celerySignals/projectChanged';

/**
 * Client → server: the lines an editor shows of a document (VS Code's visible ranges). When a large
 * document is opened, the server's early diagnostics of its top part reach down to them if they lie
 * near the top; it keeps the latest ranges of each open document only.
 */
export const VISIBLE_RANGES_NOTIFICATION = 'celerySignals/visibleRanges';

export interface VisibleRangesParams {
  textDocument: { uri: string };
  ranges: Range[];
}
