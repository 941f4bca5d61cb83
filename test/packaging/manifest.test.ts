/**
 * The extension manifest (package.json `contributes`) against the code that relies on it: every
 * setting of RunbookSettings, every command the client registers, the files it points at.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { SETTINGS, type SettingDefinition } from '../../shared/src/settings';
import { LANGUAGE_ID } from '../../shared/src/protocol';
import { repoRoot } from './repoRoot';

interface SettingContribution {
  readonly type: string;
  readonly default: unknown;
  readonly scope?: string;
  readonly description?: string;
  readonly markdownDescription?: string;
  readonly enum?: readonly string[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly pattern?: string;
}

interface Manifest {
  readonly main: string;
  readonly engines: { readonly vscode: string };
  readonly activationEvents: readonly string[];
  readonly contributes: {
    readonly languages: readonly { id: string; extensions: string[]; firstLine: string; configuration: string }[];
    readonly grammars: readonly { language: string; scopeName: string; path: string }[];
    readonly snippets: readonly { language: string; path: string }[];
    readonly yamlValidation: readonly { fileMatch: string[]; url: string }[];
    readonly commands: readonly { command: string; title: string; category: string }[];
    readonly menus: Record<string, readonly { command: string; when?: string }[]>;
    readonly configuration: { readonly title: string; readonly properties: Record<string, SettingContribution> };
  };
}

const root = repoRoot();
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Manifest;
const c = manifest.contributes;

// The commands extension.ts registers (ctx.registerCommand adds the `runbook.` prefix).
const REGISTERED = ['showTimeline', 'showTimelineToSide', 'exportTimeline', 'restartServer', 'showOutput', 'newRunbook', 'importRvtools', 'recordActuals', 'calibrate', 'markStepStarted', 'markStepDone'];

test('every runbook.* setting of the client is contributed with its default, a scope and a sentence', () => {
  const contributed = Object.keys(c.configuration.properties).sort();
  assert.deepEqual(contributed, Object.keys(SETTINGS).map((k) => `runbook.${k}`).sort());
  assert.equal(c.configuration.title, 'Migration Runbooks');
  for (const [key, setting] of Object.entries(c.configuration.properties)) {
    // The one definition (shared/src/settings.ts) and the manifest agree on default and bounds.
    const def: SettingDefinition = SETTINGS[key.slice('runbook.'.length) as keyof typeof SETTINGS];
    assert.deepEqual(setting.default, def.default, `${key} default`);
    assert.equal(setting.minimum, def.type === 'number' ? def.minimum : undefined, `${key} minimum`);
    assert.equal(setting.maximum, def.type === 'number' ? def.maximum : undefined, `${key} maximum`);
    assert.equal(setting.pattern, def.type === 'string' ? def.pattern : undefined, `${key} pattern`);
    assert.deepEqual(setting.enum, def.type === 'enum' ? def.values : undefined, `${key} enum`);
    assert.ok(setting.scope === 'resource' || setting.scope === 'window', `${key} scope`);
    assert.equal(typeof setting.default, setting.type, `${key} type`);
    assert.equal(setting.type, def.type === 'enum' ? 'string' : def.type, `${key} type of the definition`);
    const text = setting.markdownDescription ?? setting.description ?? '';
    assert.match(text, /\.$/, `${key} description ends in a period`);
  }
  assert.deepEqual(c.configuration.properties['runbook.trace.server'].enum, ['off', 'messages', 'verbose']);
});

test('commands: runbook.<verb>, category Runbook, exactly the registered ones', () => {
  assert.deepEqual(c.commands.map((x) => x.command).sort(), REGISTERED.map((n) => `runbook.${n}`).sort());
  for (const cmd of c.commands) assert.equal(cmd.category, 'Runbook', cmd.command);
  const title = c.menus['editor/title'].find((m) => m.command === 'runbook.showTimelineToSide');
  assert.equal(title?.when, `editorLangId == ${LANGUAGE_ID}`);
  for (const menu of Object.values(c.menus)) for (const item of menu) assert.ok(REGISTERED.includes(item.command.replace(/^runbook\./, '')), item.command);
});

test('language: extensions, modeline, grammar on source.yaml, snippets, schema, files exist', () => {
  const lang = c.languages.find((l) => l.id === LANGUAGE_ID);
  assert.ok(lang);
  assert.deepEqual(lang.extensions, ['.runbook.yaml', '.runbook.yml']);
  const firstLine = new RegExp(lang.firstLine);
  assert.ok(firstLine.test('# migration-runbook'));
  assert.ok(firstLine.test('runbook: 1'));
  assert.ok(!firstLine.test('apiVersion: v1'));
  assert.ok(!firstLine.test('runbook: 12'));
  const grammar = c.grammars.find((g) => g.language === LANGUAGE_ID);
  assert.ok(grammar);
  const tm = JSON.parse(readFileSync(join(root, grammar.path), 'utf8')) as { scopeName: string; patterns: { include: string }[] };
  assert.equal(tm.scopeName, grammar.scopeName);
  assert.deepEqual(tm.patterns, [{ include: 'source.yaml' }]);
  const files = [manifest.main, lang.configuration, grammar.path, ...c.snippets.map((s) => s.path), ...c.yamlValidation.map((v) => v.url)];
  for (const f of files.filter((x) => !x.startsWith('./dist/'))) assert.ok(existsSync(join(root, f)), `${f} exists`);
  assert.deepEqual(c.yamlValidation[0].fileMatch, ['*.runbook.yaml', '*.runbook.yml']);
  assert.ok(manifest.activationEvents.includes(`onLanguage:${LANGUAGE_ID}`));
});

test('language configuration: # comments, brackets, offside folding', () => {
  const conf = JSON.parse(readFileSync(join(root, 'language-configuration.json'), 'utf8')) as {
    comments: { lineComment: string }; brackets: string[][]; folding: { offSide: boolean }; indentationRules: { increaseIndentPattern: string };
  };
  assert.equal(conf.comments.lineComment, '#');
  assert.deepEqual(conf.brackets, [['{', '}'], ['[', ']']]);
  assert.equal(conf.folding.offSide, true);
  const increase = new RegExp(conf.indentationRules.increaseIndentPattern);
  assert.ok(increase.test('sites:'));
  assert.ok(!increase.test('    memory: 8 GiB'));
});
