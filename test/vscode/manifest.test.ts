// The extension manifest (root package.json) against the code it describes: localized strings, rule
// severities, commands, activation, languages, and the files it points at.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { documentSelector, LANGUAGES } from '../../client/src/documentSelector';

const root = path.resolve(__dirname, '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const nlsFiles = ['package.nls.json', 'package.nls.zh-cn.json'];
const nls: Record<string, Record<string, string>> = Object.fromEntries(
  nlsFiles.map((file) => [file, JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'))]),
);
const properties: Record<string, any> = manifest.contributes.configuration.properties;

function placeholders(value: unknown, found = new Set<string>()): Set<string> {
  if (typeof value === 'string') {
    const match = /^%(.+)%$/.exec(value);
    if (match) found.add(match[1]);
  } else if (value && typeof value === 'object') {
    for (const child of Object.values(value)) placeholders(child, found);
  }
  return found;
}

test('English and Chinese manifest strings have the same keys, none empty', () => {
  const [english, chinese] = nlsFiles.map((file) => Object.keys(nls[file]).sort());
  assert.deepEqual(chinese, english);
  for (const file of nlsFiles) {
    for (const [key, text] of Object.entries(nls[file])) assert.ok(text.trim(), `${file}: ${key} is empty`);
  }
});

test('every %key% in package.json has a string in both languages', () => {
  const used = placeholders(manifest);
  assert.ok(used.size > 20, 'the manifest is expected to be localized');
  for (const file of nlsFiles) {
    const missing = [...used].filter((key) => !(key in nls[file]));
    assert.deepEqual(missing, [], `${file} lacks keys used by package.json`);
  }
});

test('no manifest string is left unused', () => {
  const used = placeholders(manifest);
  assert.deepEqual(Object.keys(nls['package.nls.json']).filter((key) => !used.has(key)), []);
});

test('every setting has a description', () => {
  for (const [name, schema] of Object.entries(properties)) {
    assert.match(name, /^celerySignals\./);
    assert.ok(schema.description || schema.markdownDescription, `${name} has no description`);
  }
});

test('the Celery version pattern accepts release numbers and empty, nothing else', () => {
  const pattern = new RegExp(properties['celerySignals.celeryVersion'].pattern);
  for (const ok of ['', '5', '5.4', '5.3.6', '4.0.1']) assert.match(ok, pattern);
  for (const bad of ['latest', '5.x', 'v5.4', '5.4.1.2', ' 5.4']) assert.doesNotMatch(bad, pattern);
});

test('docsLanguage offers auto and the catalog languages', () => {
  assert.deepEqual(properties['celerySignals.docsLanguage'].enum, ['auto', 'en', 'zh-cn']);
  assert.equal(properties['celerySignals.docsLanguage'].default, 'auto');
});

test('trace.server is the setting vscode-languageclient reads for client id celerySignals', () => {
  assert.deepEqual(properties['celerySignals.trace.server'].enum, ['off', 'messages', 'verbose']);
  const client = fs.readFileSync(path.join(root, 'client/src/languageClient.ts'), 'utf8');
  assert.match(client, /new LanguageClient\('celerySignals'/);
});

test('contributed commands are exactly the ones the extension registers', () => {
  const contributed = manifest.contributes.commands.map((c: { command: string }) => c.command).sort();
  const source = fs.readFileSync(path.join(root, 'client/src/extension.ts'), 'utf8');
  const registered = [...source.matchAll(/registerCommand\('([^']+)'/g)].map((m) => m[1]).sort();
  assert.deepEqual(contributed, registered);
  assert.deepEqual(contributed, ['celerySignals.fixAll', 'celerySignals.insertHandler', 'celerySignals.refreshSignalMap', 'celerySignals.restartServer', 'celerySignals.showOutput']);
});

test('the extension activates for every language the client serves, on file and untitled documents, and for the signal map', () => {
  assert.deepEqual(manifest.activationEvents, [...LANGUAGES.map((l) => `onLanguage:${l}`), 'onView:celerySignals.signalMap']);
  const selector = documentSelector();
  for (const language of LANGUAGES) {
    for (const scheme of ['file', 'untitled']) assert.ok(selector.some((s) => s.language === language && s.scheme === scheme));
  }
});

test('the manifest points only at files that exist', () => {
  const paths = [
    manifest.main.replace(/^\.\//, '').replace(/\.js$/, '.js'),
    ...manifest.contributes.grammars.map((g: { path: string }) => g.path),
    ...manifest.contributes.jsonValidation.map((j: { url: string }) => j.url),
  ].filter((p) => !p.includes('/out/'));
  for (const p of paths) assert.ok(fs.existsSync(path.join(root, p)), `${p} is missing`);
});

test('the extension may run in untrusted workspaces: it executes nothing from them and ignores their catalog paths', () => {
  const untrusted = manifest.capabilities.untrustedWorkspaces;
  assert.equal(untrusted.supported, 'limited');
  assert.deepEqual(untrusted.restrictedConfigurations, ['celerySignals.catalogs']);
  for (const file of nlsFiles) assert.ok(nls[file][untrusted.description.replace(/%/g, '')], `${file} lacks ${untrusted.description}`);
  const sources = fs.readdirSync(path.join(root, 'client/src'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => fs.readFileSync(path.join(root, 'client/src', f), 'utf8'))
    .join('\n');
  assert.doesNotMatch(sources, /child_process|createTerminal|ShellExecution|ProcessExecution/);
});

test('handler snippets come from the server only, so each signal is offered once in every language', () => {
  assert.equal(manifest.contributes.snippets, undefined, 'a static snippet file would list every signal a second time');
});

test('the signal map view the client fills is contributed, with its refresh button and an empty-state text', () => {
  const source = fs.readFileSync(path.join(root, 'client/src/signalMap.ts'), 'utf8');
  const viewId = /SIGNAL_MAP_VIEW = '([^']+)'/.exec(source)?.[1];
  assert.ok(viewId);
  assert.deepEqual(manifest.contributes.views.explorer.map((v: { id: string }) => v.id), [viewId]);
  assert.ok(manifest.contributes.viewsWelcome.some((w: { view: string }) => w.view === viewId));
  assert.ok(manifest.contributes.menus['view/title'].some((m: { command: string; when: string }) => m.command === 'celerySignals.refreshSignalMap' && m.when === `view == ${viewId}`));
});
