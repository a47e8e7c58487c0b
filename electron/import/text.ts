import { ruFold } from '../api/text';
// Small text helpers shared by the import modules.

const SPACES = /\s+/g;
/** Anything cleanText would change: edge whitespace, runs of whitespace, whitespace other than ' '. */
const UNCLEAN = /^\s|\s$|\s\s|[^\S ]/;

/** Trims and collapses inner whitespace (incl. non-breaking spaces and line breaks). */
export function cleanText(value: string): string {
  return UNCLEAN.test(value) ? value.replace(SPACES, ' ').trim() : value;
}

/** Comparison key: lower case, ё → е, collapsed spaces. */
export function foldKey(value: string): string {
  return ruFold(cleanText(value));
}

/** Upper-cases the first character, leaves the rest as written. */
export function capitalizeFirst(value: string): string {
  return value.length === 0 ? value : value.charAt(0).toUpperCase() + value.slice(1);
}

/** «value» in Russian quotes, for messages; a very long value is cut («Ивано…», 60 characters). */
export function q(value: string): string {
  return `«${value.length > 60 ? `${value.slice(0, 59)}…` : value}»`;
}
