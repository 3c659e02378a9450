/**
 * SARIF 2.1.0 output (GitHub code scanning, GitLab, Azure DevOps): one run, the full rule list with
 * help, each finding with its related locations and its fixes as SARIF fixes.
 */
import { pathToFileURL } from 'node:url';
import type { Finding, Severity } from '../analysis/diagnostics';
import type { Rule } from '../analysis/rules/index';
import type { LineIndex } from '../analysis/text';
import type { Span } from '../analysis/model';
import { lineIndexOf, type FileFindings } from './report';

export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
const SOURCE_ROOT = '%SRCROOT%';

export interface ToolInfo {
  version: string;
  /** The README's address: a rule's help link is this page plus the rule's section anchor. */
  homepage: string;
  rules: readonly Pick<Rule, 'code' | 'defaultSeverity' | 'docs'>[];
  /** The folder relative paths are relative to (%SRCROOT%). */
  cwd: string;
}

const LEVELS: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/** GitHub's heading anchor for the README section "### `code` — severity". */
function helpUri(homepage: string, rule: ToolInfo['rules'][number]): string {
  return `${homepage.replace(/#.*$/, '')}#${rule.code}--${rule.defaultSeverity}`;
}

function ruleDescriptor(rule: ToolInfo['rules'][number], homepage: string) {
  const link = helpUri(homepage, rule);
  const summary = rule.docs.summary.en;
  const rationale = rule.docs.rationale;
  return {
    id: rule.code,
    name: rule.code.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase()),
    shortDescription: { text: summary },
    fullDescription: { text: rationale },
    help: { text: `${summary} ${rationale} See ${link}`, markdown: `**${summary}**\n\n${rationale}\n\n[Rule documentation](${link})` },
    helpUri: link,
    defaultConfiguration: { level: LEVELS[rule.defaultSeverity] },
    properties: { tags: ['celery'] },
  };
}

function artifactLocation(file: string) {
  // The CLI shows files under the working folder relative to it, and others as absolute paths.
  const absolute = /^([a-zA-Z]:)?[\\/]/.test(file);
  return absolute ? { uri: pathToFileURL(file).href } : { uri: file.split('/').map(encodeURIComponent).join('/'), uriBaseId: SOURCE_ROOT };
}

function region(index: LineIndex, span: Span) {
  const { start, end } = index.rangeOf(span);
  return { startLine: start.line + 1, startColumn: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
}

function result(finding: Finding, file: string, index: LineIndex, ruleIndex: number) {
  const location = artifactLocation(file);
  return {
    ruleId: finding.code,
    ...(ruleIndex >= 0 ? { ruleIndex } : {}),
    level: LEVELS[finding.severity],
    message: { text: finding.message },
    locations: [{ physicalLocation: { artifactLocation: location, region: region(index, finding.span) } }],
    ...(finding.related?.length
      ? { relatedLocations: finding.related.map((r, id) => ({ id, message: { text: r.message }, physicalLocation: { artifactLocation: location, region: region(index, r.span) } })) }
      : {}),
    ...(finding.fixes.length
      ? {
          fixes: finding.fixes.map((fix) => ({
            description: { text: fix.title },
            artifactChanges: [
              { artifactLocation: location, replacements: fix.edits.map((e) => ({ deletedRegion: region(index, e.span), insertedContent: { text: e.newText } })) },
            ],
          })),
        }
      : {}),
  };
}

export function toSarif(results: readonly FileFindings[], tool: ToolInfo): object {
  const ruleIds = tool.rules.map((r) => r.code);
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'celery-signals',
            version: tool.version,
            semanticVersion: tool.version,
            informationUri: tool.homepage,
            rules: tool.rules.map((r) => ruleDescriptor(r, tool.homepage)),
          },
        },
        originalUriBaseIds: { [SOURCE_ROOT]: { uri: pathToFileURL(tool.cwd.endsWith('/') ? tool.cwd : `${tool.cwd}/`).href } },
        columnKind: 'utf16CodeUnits',
        results: results.flatMap((fileResult) => {
          const index = lineIndexOf(fileResult);
          return fileResult.findings.map((f) => result(f, fileResult.file, index, ruleIds.indexOf(f.code)));
        }),
      },
    ],
  };
}
