/**
 * Every command a message names exists: each `gocross <command> [<subcommand>]` in a string of the
 * source (fixes, hints, help text, reports) is checked against the CLI's own registry, and against
 * the subcommands a command registers (e.g. `binfmt status|install|uninstall`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import ts from 'typescript';
import { commands } from './commands/index.ts';

const SRC = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Words that follow "gocross" in prose ("gocross is not running as root", "gocross builds ignore…"). */
const PROSE = new Set(['is', 'are', 'builds', 'built', 'sets', 'runs', 'exit', 'mode', 'entry', 'entries', 'assumes', 'strips', 'defaults', 'wrote', 'did', 'manifest', 'sent', 'could', 'does', 'cannot']);

function* sourceFiles(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    // config/generated/ repeats the schema's descriptions (prose about gocross, not messages).
    if (e.isDirectory()) yield* e.name === 'generated' ? [] : sourceFiles(path);
    else if (path.endsWith('.ts') && !path.endsWith('.test.ts')) yield path;
  }
}

/** The text of every string and template literal in a file (comments are not messages). */
function stringsOf(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) found.push(node.text);
    else if (ts.isTemplateExpression(node)) found.push(node.head.text, ...node.templateSpans.map((s) => s.literal.text));
    node.forEachChild(visit);
  };
  visit(source);
  return found;
}

interface Mention {
  file: string;
  command: string;
  next: string | undefined;
}

function mentionsIn(text: string, file: string): Mention[] {
  return [...text.matchAll(/\bgocross ([a-z][a-z-]*)(?:[ \t]+([a-z][a-z-]*)\b)?/g)]
    .filter((m) => !PROSE.has(m[1]!))
    .map((m) => ({ file, command: m[1]!, next: m[2] }));
}

async function registry(): Promise<Map<string, Set<string>>> {
  const program = new Command('gocross');
  for (const entry of commands) (await entry.load()).register(program);
  return new Map(program.commands.map((c) => [c.name(), new Set(c.commands.map((s) => s.name()))]));
}

/** The mentions that name a command or subcommand the CLI does not have. */
function unknownMentions(mentions: readonly Mention[], known: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  const bad: string[] = [];
  for (const m of mentions) {
    const subcommands = known.get(m.command);
    if (!subcommands) bad.push(`${m.file}: gocross ${m.command}`);
    else if (subcommands.size > 0 && m.next !== undefined && !subcommands.has(m.next)) bad.push(`${m.file}: gocross ${m.command} ${m.next} (subcommands: ${[...subcommands].join(', ')})`);
  }
  return bad;
}

test('every `gocross <command>` named in a source string is a command of the CLI', async () => {
  const known = await registry();
  assert.ok(known.has('build') && known.get('binfmt')?.has('install'), 'the registry lists commands and subcommands');
  const mentions = [...sourceFiles(SRC)].flatMap((file) => stringsOf(file).flatMap((text) => mentionsIn(text, relative(SRC, file))));
  assert.ok(mentions.length > 40, `found only ${mentions.length} mentions: the collector is broken`);
  assert.deepEqual(unknownMentions(mentions, known), []);
});

test('unknownMentions() flags a missing command and a missing subcommand, and passes real ones', async () => {
  const known = await registry();
  const cases: Array<[text: string, bad: number]> = [
    ["run 'gocross setup'", 0],
    ['gocross binfmt install arm64', 0],
    ['gocross binfmt --json', 0],
    ['gocross emulate register, or install qemu-user-static', 1],
    ['gocross binfmt register arm64', 1],
    ['gocross is not running as root', 0],
  ];
  for (const [text, bad] of cases) assert.equal(unknownMentions(mentionsIn(text, 'x'), known).length, bad, text);
});
