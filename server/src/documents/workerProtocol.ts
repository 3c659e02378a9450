/**
 * What the main thread and the analysis thread (analysisWorker.ts) say to each other. A result's
 * findings are told against the previous result of the same document (findingsDelta.ts): both sides
 * keep the last findings of each document they exchanged until it is forgotten.
 */
import type { FindingsDelta } from './findingsDelta';
import type { ProjectAdditions } from '../project/projectCatalog';
import type { CatalogFile } from '../catalog/types';
import type { Edit } from '../parsing/treeSitter';
import type { AnalysisSettings, SkipReason } from './analysisCache';
import type { Extracted, ExtractRequest } from '../project/extractFile';

/** One thread's V8 heap, in bytes (v8.getHeapStatistics). */
export interface ThreadHeap {
  used: number;
  total: number;
  external: number;
  /** What the young generation holds room for now (both halves); it grows up to twice the semi-space limit. */
  youngGeneration: number;
}

/** Slots of the shared Int32Array both threads read without waiting for a message. */
export const CONTROL = {
  /** The id of a job the main thread no longer wants (a newer version came, or nobody waits for it). */
  cancelledJob: 0,
  /** Bumped to let a held analysis go on (test builds only). */
  releases: 1,
  /** Bumped by the main thread for each request it answers: the typing rehearsal waits while they come. */
  requests: 2,
  size: 3,
} as const;

export interface WorkerData {
  control: Int32Array;
  /** Test builds only: an analysis of a text containing this marker waits for a release. */
  holdMarker?: string;
}

export type ToWorker =
  /**
   * The catalog files in force and, for a project's document, what the project index adds to them.
   * `forIndex`: the catalog the project index extracts files with, kept apart from the documents' one.
   */
  | { kind: 'catalog'; files: readonly CatalogFile[]; additions?: ProjectAdditions; forIndex?: boolean }
  /** The project index's per-file step (project/extractFile.ts), done here so requests never wait for it. */
  | { kind: 'extract'; id: number; request: ExtractRequest }
  | { kind: 'forget'; uri: string }
  /** Asks for the model of a job's result: models cross only when a request needs one. */
  | { kind: 'model'; id: number; uri: string }
  /** Asks for this thread's V8 heap figures (the benchmark's memory report). */
  | { kind: 'heap'; id: number }
  | {
      kind: 'analyse';
      id: number;
      uri: string;
      languageId: string;
      version: number;
      /**
       * The whole text, or, when the thread has the document, what replaced one region of its copy:
       * a keystroke then crosses as a few characters instead of the whole text.
       */
      text: string | TextReplacement;
      /** The edits since the text the thread saw last, or `full` when it must parse from scratch. */
      edits: Edit[] | 'full';
      settings: AnalysisSettings;
    };

/** [start, oldEnd) of the thread's copy became `inserted`; `length` is the new text's, as a check. */
export interface TextReplacement {
  start: number;
  oldEnd: number;
  inserted: string;
  length: number;
}

export type FromWorker =
  /** `modelKept`: the thread keeps the result's model until its next analysis of the document. */
  /** `model`: a small document's model comes with its result (v8-serialised), a large one's on request or when the thread is idle. */
  | { kind: 'result'; id: number; uri: string; version: number; findings: FindingsDelta; modelKept: boolean; model?: ArrayBuffer; skipped?: SkipReason; incremental?: boolean }
  /** The model of result `id` (v8-serialised), or nothing when a newer analysis of the document replaced it. */
  | { kind: 'model'; id: number; model?: ArrayBuffer }
  | { kind: 'extracted'; id: number; result: Extracted }
  | { kind: 'heap'; id: number; heap: ThreadHeap }
  | { kind: 'cancelled'; id: number }
  | { kind: 'failed'; id: number; message: string }
  | { kind: 'holding'; id: number; uri: string; version: number };
