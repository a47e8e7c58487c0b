// Building blocks for people in the demo school: names in agreeing gender forms, dates, phones,
// e-mails. E-mails use the reserved example.* domains so demo data can never reach a real mailbox.
import type { Gender } from '../../db/schema';
import { day, isoDate } from './calendar';
import { ADULT_FEMALE, ADULT_MALE, ELDER_MALE, SURNAMES, patronymic, surnameForm, translit } from './names';
import type { Prng } from './prng';

export interface PersonName {
  last: string;
  first: string;
  middle: string | null;
  gender: Gender;
}

/** An adult; `surname` is the male form of the family name, a random one when omitted. */
export function adultName(rng: Prng, gender: Gender, surname?: string, first?: string): PersonName {
  return {
    last: surnameForm(surname ?? rng.pick(SURNAMES), gender),
    first: first ?? rng.pick(gender === 'm' ? ADULT_MALE : ADULT_FEMALE),
    middle: patronymic(rng.pick(ELDER_MALE), gender),
    gender,
  };
}

/** A random ISO date in [from, to], both given as [year, month, day]. */
export function randomDate(rng: Prng, from: readonly [number, number, number], to: readonly [number, number, number]): string {
  return isoDate(rng.int(day(from[0], from[1], from[2]), day(to[0], to[1], to[2])));
}

/** A birth date of somebody aged `minAge`..`maxAge` on 1 September of `year`. */
export function adultBirthDate(rng: Prng, year: number, minAge: number, maxAge: number): string {
  return randomDate(rng, [year - maxAge - 1, 9, 2], [year - minAge, 9, 1]);
}

const MOBILE_CODES = [
  900, 901, 902, 903, 904, 905, 906, 909, 910, 911, 912, 913, 914, 915, 916, 917, 918, 919, 920,
  921, 925, 926, 927, 929, 936, 950, 951, 952, 953, 960, 961, 962, 963, 964, 965, 966, 967, 968,
  977, 980, 981, 985, 987, 999,
];

/** A mobile number '+7 (9XX) XXX-XX-XX', unique within `used`. */
export function mobilePhone(rng: Prng, used: Set<string>): string {
  for (;;) {
    const code = rng.pick(MOBILE_CODES);
    const n = String(rng.int(0, 9_999_999)).padStart(7, '0');
    const p = `+7 (${code}) ${n.slice(0, 3)}-${n.slice(3, 5)}-${n.slice(5, 7)}`;
    if (used.has(p)) continue;
    used.add(p);
    return p;
  }
}

/** A unique e-mail for a person at `domain`, e.g. 'ivanova.ms@school17.example.com'. */
export function workEmail(p: PersonName, domain: string, used: Set<string>): string {
  const initials = translit(p.first.slice(0, 1)) + translit((p.middle ?? '').slice(0, 1));
  const base = `${translit(p.last)}.${initials}`;
  let e = `${base}@${domain}`;
  for (let i = 2; used.has(e); i++) e = `${base}${i}@${domain}`;
  used.add(e);
  return e;
}

const PRIVATE_DOMAINS = ['example.com', 'example.org', 'example.net'];

/** A private e-mail like 'elena.ivanova84@example.org'. */
export function privateEmail(rng: Prng, p: PersonName, used: Set<string>): string {
  const first = translit(p.first);
  const last = translit(p.last);
  const base = rng.chance(0.5) ? `${first}.${last}` : `${last}.${first.slice(0, 1)}`;
  for (;;) {
    const suffix = rng.chance(0.5) ? String(rng.int(70, 99)) : rng.chance(0.5) ? String(rng.int(1, 999)) : '';
    const e = `${base}${suffix}@${rng.pick(PRIVATE_DOMAINS)}`;
    if (used.has(e)) continue;
    used.add(e);
    return e;
  }
}
