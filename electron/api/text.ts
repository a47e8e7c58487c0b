// The few text rules the whole program shares, each defined once (issue 9): the core, the command
// line, the import and the renderer (which bundles this file: no imports) all use these.
// tests/lint/one-definition.test.ts refuses a new copy of any of them elsewhere in the tree.

/**
 * Russian case and ё folding: «Ёлкина» and «елкина» are the same word to a person searching or
 * comparing names. The SQL function `ru_fold` (db/connection.ts) is this function.
 */
export function ruFold(s: string): string {
  return s.toLowerCase().replace(/ё/g, 'е');
}

/** ruFold with the spaces a person types collapsed and trimmed: the key a typed name is compared by. */
export function ruKey(s: string): string {
  return ruFold(s).replace(/\s+/g, ' ').trim();
}

/** A class's name: «5А». In SQL: `classNameSql` (db/entities.ts). */
export function className(c: { readonly grade: number | string; readonly letter: string }): string {
  return `${c.grade}${c.letter}`;
}
