/** The `celerySignals` settings as the server uses them, with defaults and tolerant parsing. */
import type { DocsLanguage } from '../catalog/types';
import { isValidVersion } from '../catalog/versions';
import type { Severity } from '../analysis/diagnostics';

export interface Settings {
  enable: boolean;
  /** Empty means "the catalog's latest release". */
  celeryVersion: string;
  docsLanguage: 'auto' | DocsLanguage;
  severity: Record<string, Severity | 'off'>;
  catalogs: string[];
  /** The catalogs of the user's own settings (sent by the VS Code extension): trusted to point anywhere. */
  userCatalogs: string[];
  /** Index the workspace folder in the background (project/workspaceIndex.ts). */
  projectIndex: boolean;
}

export const defaultSettings: Settings = { enable: true, celeryVersion: '', docsLanguage: 'auto', severity: {}, catalogs: [], userCatalogs: [], projectIndex: true };

const SEVERITIES = new Set(['error', 'warning', 'information', 'hint', 'off']);

function stringsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((c): c is string => typeof c === 'string') : [];
}

/** Reads whatever the client sent; anything malformed falls back to the default for that key. */
export function parseSettings(raw: unknown): Settings {
  const value = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const severity: Settings['severity'] = {};
  if (value.severity && typeof value.severity === 'object') {
    for (const [code, level] of Object.entries(value.severity as Record<string, unknown>)) {
      if (typeof level === 'string' && SEVERITIES.has(level)) severity[code] = level as Severity | 'off';
    }
  }
  const version = typeof value.celeryVersion === 'string' ? value.celeryVersion.trim() : '';
  return {
    enable: value.enable !== false,
    celeryVersion: isValidVersion(version) ? version : '',
    docsLanguage: value.docsLanguage === 'en' || value.docsLanguage === 'zh-cn' ? value.docsLanguage : 'auto',
    severity,
    catalogs: stringsOf(value.catalogs),
    userCatalogs: stringsOf(value.userCatalogs),
    projectIndex: value.projectIndex !== false,
  };
}

/** `auto` follows the editor's UI language: Chinese locales get zh-cn, everything else English. */
export function resolveDocsLanguage(setting: Settings['docsLanguage'], clientLocale: string | undefined): DocsLanguage {
  if (setting !== 'auto') return setting;
  return clientLocale && /^zh\b/i.test(clientLocale) ? 'zh-cn' : 'en';
}
