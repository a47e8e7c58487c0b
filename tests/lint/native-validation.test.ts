// Issue 8, point 1: the renderer never lets the browser check or cut what is typed. No native
// `required` (its English bubble «Please fill out this field.» appeared in modals; Mantine's
// `withAsterisk` marks required fields), every <form> has noValidate, no `maxLength` (it silently
// cuts pasted text), and no Mantine NumberInput (its clamping saved 0,5 for −3 h and 0 for −5).
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = process.env.NATIVE_VALIDATION_ROOT ?? join(import.meta.dirname, '../..');
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.tsx') ? [p] : [];
  });
}
const sources = files(join(ROOT, 'renderer/src')).map((p) => ({ file: relative(ROOT, p), text: readFileSync(p, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '') }));

describe('no native validation in the renderer', () => {
  it('has no required attribute on any field', () => {
    // A JSX attribute `required` or `required={…}` (not `required: …` of an object or `.required`).
    const found = sources.flatMap(({ file, text }) => [...text.matchAll(/(?<=\s)required(?=\s|\/?>|=\{(?!false\}))/g)].map(() => file));
    expect(found).toEqual([]);
  });

  it('gives every form noValidate', () => {
    const found = sources.flatMap(({ file, text }) => [...text.matchAll(/<form\b[^>]*>/g)].filter((m) => !/\bnoValidate\b/.test(m[0])).map(() => file));
    expect(sources.some((s) => /<form\b/.test(s.text))).toBe(true);
    expect(found).toEqual([]);
  });

  it('cuts nothing typed and clamps no number', () => {
    const found = sources.flatMap(({ file, text }) => (/\bmaxLength=|\bNumberInput\b|clampBehavior/.test(text) ? [file] : []));
    expect(found).toEqual([]);
  });
});
