// A small XML reader and writer for FET's `.fet` files (fet.ts): elements, text, the five entities
// and numeric character references, comments, the declaration and a BOM. No namespaces, no DTDs
// (FET writes none); CDATA is read as text. Pure: no Node built-ins.

export interface XmlElement {
  name: string;
  children: XmlElement[];
  /** The element's own text (concatenated, trimmed by the readers that need it). */
  text: string;
}

export class XmlError extends Error {}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decode(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (m, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(parseInt(e.slice(1), 10));
    return ENTITIES[e] ?? m;
  });
}

export const escapeXml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

/** Parses a document into its root element; a malformed file throws XmlError (with the offset). */
export function parseXml(src: string): XmlElement {
  let i = src.charCodeAt(0) === 0xfeff ? 1 : 0;
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  const fail = (what: string) => {
    throw new XmlError(`${what} (символ ${i})`);
  };
  while (i < src.length) {
    const lt = src.indexOf('<', i);
    const textEnd = lt < 0 ? src.length : lt;
    if (textEnd > i) {
      const text = src.slice(i, textEnd);
      if (stack.length) stack[stack.length - 1]!.text += decode(text);
      else if (text.trim()) fail('текст вне корневого элемента');
    }
    if (lt < 0) break;
    i = lt;
    if (src.startsWith('<!--', i)) {
      const end = src.indexOf('-->', i + 4);
      if (end < 0) fail('незакрытый комментарий');
      i = end + 3;
    } else if (src.startsWith('<![CDATA[', i)) {
      const end = src.indexOf(']]>', i + 9);
      if (end < 0 || !stack.length) fail('незакрытый CDATA');
      stack[stack.length - 1]!.text += src.slice(i + 9, end);
      i = end + 3;
    } else if (src.startsWith('<?', i)) {
      const end = src.indexOf('?>', i + 2);
      if (end < 0) fail('незакрытое объявление');
      i = end + 2;
    } else if (src.startsWith('<!', i)) {
      const end = src.indexOf('>', i + 2);
      if (end < 0) fail('незакрытое объявление');
      i = end + 1;
    } else if (src.startsWith('</', i)) {
      const end = src.indexOf('>', i + 2);
      if (end < 0) fail('незакрытый тег');
      const name = src.slice(i + 2, end).trim();
      const open = stack.pop();
      if (!open || open.name !== name) fail(`тег </${name}> не закрывает <${open?.name ?? ''}>`);
      i = end + 1;
    } else {
      const end = src.indexOf('>', i + 1);
      if (end < 0) fail('незакрытый тег');
      let body = src.slice(i + 1, end);
      const selfClosing = body.endsWith('/');
      if (selfClosing) body = body.slice(0, -1);
      const name = /^[^\s/>]+/.exec(body)?.[0];
      if (!name) fail('тег без имени');
      const el: XmlElement = { name: name!, children: [], text: '' };
      if (stack.length) stack[stack.length - 1]!.children.push(el);
      else if (root) fail('второй корневой элемент');
      else root = el;
      if (!selfClosing) stack.push(el);
      i = end + 1;
    }
  }
  if (stack.length) throw new XmlError(`незакрытый тег <${stack[stack.length - 1]!.name}>`);
  if (!root) throw new XmlError('нет корневого элемента');
  return root;
}

export const child = (el: XmlElement, name: string): XmlElement | undefined => el.children.find((c) => c.name === name);
export const childrenNamed = (el: XmlElement, name: string): XmlElement[] => el.children.filter((c) => c.name === name);
/** The trimmed text of a child element ('' when absent). */
export const textOf = (el: XmlElement, name: string): string => child(el, name)?.text.trim() ?? '';

/** Writes elements line by line with tab indentation, as FET does. */
export class XmlWriter {
  private readonly lines: string[] = ['<?xml version="1.0" encoding="UTF-8"?>', ''];
  private depth = 0;

  open(name: string): this {
    this.lines.push(`${'\t'.repeat(this.depth)}<${name}>`);
    this.depth++;
    return this;
  }

  close(name: string): this {
    this.depth--;
    this.lines.push(`${'\t'.repeat(this.depth)}</${name}>`);
    return this;
  }

  leaf(name: string, value: string | number | boolean): this {
    this.lines.push(`${'\t'.repeat(this.depth)}<${name}>${escapeXml(String(value))}</${name}>`);
    return this;
  }

  blank(): this {
    this.lines.push('');
    return this;
  }

  toString(): string {
    return `${this.lines.join('\n')}\n`;
  }
}
