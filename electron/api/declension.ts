// Russian names in the case a sentence needs («удалить ученика Абрамова Николая Алексеевича»,
// «у Ивановой Анны Сергеевны»), and whether a surname's form fits a man or a woman. The one
// wrapper around `lvovich` (a maintained, dependency-free library with petrovich's rules): no hand
// rules of declension anywhere else. Shared by the core and the renderer; no Node, no DOM.
import { getGender, getLastnameGender, incline } from 'lvovich';
import type { Gender } from './types';

/** The cases a sentence asks for; the nominative is the name as written. */
export type NameCase = 'nominative' | 'genitive' | 'dative' | 'accusative' | 'instrumental' | 'prepositional';

export interface PersonName {
  lastName: string;
  firstName: string;
  middleName?: string | null;
}

const LVOVICH_GENDER = { m: 'male', f: 'female' } as const;

/**
 * «Фамилия Имя Отчество» in the case: declineName({lastName: 'Абрамов', firstName: 'Николай',
 * middleName: 'Алексеевич'}, 'genitive') → «Абрамова Николая Алексеевича». The gender, when known
 * (a student's card), decides names that do not show it («Ким Алина» → «Ким Алины»); otherwise
 * the library tells it from the name and the patronymic.
 */
export function declineName(p: PersonName, nameCase: NameCase, gender?: Gender | null): string {
  const middle = p.middleName?.trim() || null;
  if (nameCase === 'nominative') return [p.lastName, p.firstName, middle].filter(Boolean).join(' ');
  const r = incline({ last: p.lastName, first: p.firstName, middle, gender: gender ? LVOVICH_GENDER[gender] : undefined }, nameCase);
  return [r.last || p.lastName, r.first || p.firstName, middle ? r.middle || middle : null].filter(Boolean).join(' ');
}

/** A full name written in one text («Абрамов Николай Алексеевич») in the case; other texts as they are. */
export function declineFullName(full: string, nameCase: NameCase, gender?: Gender | null): string {
  const parts = full.trim().split(/\s+/);
  if (parts.length < 2) return full;
  const [lastName, firstName, ...rest] = parts as [string, string, ...string[]];
  return declineName({ lastName, firstName, middleName: rest.join(' ') || null }, nameCase, gender);
}

/** The person's gender as the name and patronymic show it; null when they do not («Саша Ким»). */
export function genderOfName(p: PersonName): Gender | null {
  const g = getGender({ last: p.lastName, first: p.firstName, middle: p.middleName ?? null });
  return g === 'male' ? 'm' : g === 'female' ? 'f' : null;
}

/**
 * Whether this form of a surname may be a man's or a woman's: «Абрамов» fits a man only,
 * «Абрамова» a woman only, «Ковальчук», «Шевченко» and «Черных» anyone. A surname the library
 * does not know is taken as fitting anyone only when it has no gendered ending at all.
 */
export function surnameFits(lastName: string, gender: Gender): boolean {
  const g = getLastnameGender(lastName.trim());
  if (g === 'androgynous' || g === null) return true;
  return g === LVOVICH_GENDER[gender];
}

const RELATION_GENDER: Record<string, Gender> = {
  мать: 'f', мама: 'f', бабушка: 'f', тётя: 'f', тетя: 'f', сестра: 'f', мачеха: 'f', опекунша: 'f',
  отец: 'm', папа: 'm', дедушка: 'm', дядя: 'm', брат: 'm', отчим: 'm',
};

/** Whether a relation says a woman (мать, бабушка) or a man (отец, дедушка); null for «опекун», «законный представитель». */
export function relationGender(relation: string): Gender | null {
  return RELATION_GENDER[relation.trim().toLowerCase()] ?? null;
}
