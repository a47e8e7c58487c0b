// The Electron boundary as a lint rule (run by the tests and by `npm run lint`):
// - only the thin shell (electron/main, electron/preload) may import 'electron';
// - core, db, CLI, web host, import and demo code may not import React, Mantine or DOM-only modules;
// - the renderer may not import Node built-ins, the database layer or the core (only electron/api).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { builtinModules } from 'node:module';
import ts from 'typescript';

export interface Violation {
  file: string;
  line: number;
  module: string;
  rule: string;
}

const ROOT = join(import.meta.dirname, '..');
const SHELL = ['electron/main/', 'electron/preload/'];
const NODE_SIDE = ['db/', 'electron/', 'central/'];
const UI_MODULES = /^(react|react-dom|@mantine\/|@tabler\/|@tanstack\/react-)/;
const nodeBuiltins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'out') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else if (/\.(ts|tsx|mts|cts)$/.test(name) && !name.endsWith('.d.ts')) yield p;
  }
}

export function importsOf(source: string): { module: string; line: number; typeOnly: boolean }[] {
  const sf = ts.createSourceFile('x.ts', source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const out: { module: string; line: number; typeOnly: boolean }[] = [];
  const visit = (n: ts.Node) => {
    if ((ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) && n.moduleSpecifier && ts.isStringLiteral(n.moduleSpecifier)) {
      const typeOnly = ts.isImportDeclaration(n) ? !!n.importClause?.isTypeOnly : n.isTypeOnly;
      out.push({ module: n.moduleSpecifier.text, line: sf.getLineAndCharacterOfPosition(n.getStart()).line + 1, typeOnly });
    } else if (ts.isCallExpression(n) && (n.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(n.expression) && n.expression.text === 'require'))) {
      const a = n.arguments[0];
      if (a && ts.isStringLiteral(a)) out.push({ module: a.text, line: sf.getLineAndCharacterOfPosition(n.getStart()).line + 1, typeOnly: false });
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

export function checkFile(rel: string, source: string): Violation[] {
  const v: Violation[] = [];
  const path = rel.split(sep).join('/');
  for (const imp of importsOf(source)) {
    const m = imp.module;
    const add = (rule: string) => v.push({ file: path, line: imp.line, module: m, rule });
    if ((m === 'electron' || m.startsWith('electron/')) && !SHELL.some((s) => path.startsWith(s)))
      add("only electron/main and electron/preload may import 'electron'");
    if (NODE_SIDE.some((s) => path.startsWith(s)) && UI_MODULES.test(m)) add('core, db and hosts may not import React, Mantine or UI libraries');
    if (path.startsWith('renderer/src/')) {
      if (nodeBuiltins.has(m) || m.startsWith('node:')) add('the renderer may not import Node built-ins');
      if (!imp.typeOnly && /(^|\/)(db|electron\/(core|main|preload|web|cli|import|demo))(\/|$)/.test(m)) add('the renderer talks to the core only through electron/api');
    }
    if (path.startsWith('electron/api/') && !imp.typeOnly && (nodeBuiltins.has(m) || m.startsWith('node:') || m.startsWith('.') && /\.\.\/(core|main|web|cli|import|demo)/.test(m)))
      add('the API contract is shared with the renderer: no Node or core imports');
  }
  return v;
}

export function checkTree(root = ROOT): Violation[] {
  const out: Violation[] = [];
  for (const top of ['db', 'electron', 'renderer', 'central']) {
    let st;
    try {
      st = statSync(join(root, top));
    } catch {
      continue;
    }
    if (!st.isDirectory()) continue;
    for (const f of files(join(root, top))) out.push(...checkFile(relative(root, f), readFileSync(f, 'utf8')));
  }
  return out;
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const v = checkTree();
  for (const x of v) console.error(`${x.file}:${x.line}  '${x.module}': ${x.rule}`);
  console.log(v.length ? `${v.length} boundary violation(s)` : 'boundaries: ok');
  process.exit(v.length ? 1 : 0);
}
