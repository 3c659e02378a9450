/**
 * Imported first by server.ts, for its effect: the server's V8 flags are set and the analysis thread
 * starts booting before the rest of the server has loaded (see analysisThread.ts).
 */
import { prestartAnalysisThread } from './analysisThread';

prestartAnalysisThread();
