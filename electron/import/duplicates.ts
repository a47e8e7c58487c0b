// Finding the same person twice: by СНИЛС, or by full name plus birth date (case- and ё-insensitive).
import { normalizePersonName, personKey } from './names';
import type { ExistingPerson } from './types';

/** The keys a person is looked up by; compute once per row with personKeys() from normalized names. */
export interface PersonKeys {
  /** personKey() of the name, or null when the name is unusable. */
  name: string | null;
  birthDate: string | null;
  /** The 11 digits of the СНИЛС, or null. */
  snils: string | null;
}

export function personKeys(
  name: { lastName: string; firstName: string; middleName: string | null } | null,
  birthDate: string | null,
  snils: string | null,
): PersonKeys {
  return { name: name ? personKey(name.lastName, name.firstName, name.middleName) : null, birthDate, snils: snilsDigits(snils) };
}

interface Entry<T> {
  ref: T;
  birthDate: string | null;
}

/**
 * An index of people by СНИЛС digits and by name key.
 * With `looseBirthDate`, a missing birth date on either side matches any (staff often lack birth dates);
 * otherwise birth dates must be equal and non-empty.
 */
export class PersonIndex<T> {
  private readonly bySnils = new Map<string, T>();
  private readonly byName = new Map<string, Entry<T>[]>();

  constructor(private readonly looseBirthDate: boolean) {}

  add(keys: PersonKeys, ref: T): void {
    if (keys.snils !== null && !this.bySnils.has(keys.snils)) this.bySnils.set(keys.snils, ref);
    if (keys.name === null) return;
    const entry = { ref, birthDate: keys.birthDate };
    const list = this.byName.get(keys.name);
    if (list) list.push(entry);
    else this.byName.set(keys.name, [entry]);
  }

  /** Adds a person from the database (names are normalized first: they may be written in any case). */
  addPerson(person: ExistingPerson, ref: T): void {
    const name = {
      lastName: normalizePersonName(person.lastName),
      firstName: normalizePersonName(person.firstName),
      middleName: person.middleName ? normalizePersonName(person.middleName) : null,
    };
    this.add(personKeys(name, person.birthDate, person.snils), ref);
  }

  findBySnils(keys: PersonKeys): T | undefined {
    return keys.snils === null ? undefined : this.bySnils.get(keys.snils);
  }

  /** The person with the same name and birth date (preferred) or, if loose, with a birth date missing on either side. */
  findByName(keys: PersonKeys): { ref: T; sameBirthDate: boolean } | undefined {
    if (keys.name === null) return undefined;
    const list = this.byName.get(keys.name);
    if (!list) return undefined;
    let loose: T | undefined;
    for (const entry of list) {
      if (entry.birthDate === null || keys.birthDate === null) {
        if (this.looseBirthDate && loose === undefined) loose = entry.ref;
      } else if (entry.birthDate === keys.birthDate) {
        return { ref: entry.ref, sameBirthDate: true };
      }
    }
    return loose === undefined ? undefined : { ref: loose, sameBirthDate: false };
  }
}

const FORMATTED = /^\d{3}-\d{3}-\d{3} \d{2}$/;

function snilsDigits(snils: string | null): string | null {
  if (!snils) return null;
  if (FORMATTED.test(snils)) return snils.slice(0, 3) + snils.slice(4, 7) + snils.slice(8, 11) + snils.slice(12);
  const digits = snils.replace(/\D/g, '');
  return digits.length === 11 ? digits : null;
}
