// Pupils and their families: guardians and the links between them.
import type { Gender, NewRow } from '../../db/schema';
import { ADULT_MALE, CHILD_FEMALE, CHILD_MALE, CITY, POSTCODE, STREETS, SURNAMES, patronymic, surnameForm } from './names';
import { adultName, mobilePhone, privateEmail, randomDate, type PersonName } from './people';
import type { Prng } from './prng';
import { randomSnils } from './snils';
import type { ClassInfo, IdSource, WithId } from './types';

type StudentRow = WithId<NewRow<'student'>>;
type GuardianRow = WithId<NewRow<'guardian'>>;
type LinkRow = WithId<NewRow<'student_guardian'>>;

interface Family {
  surname: string; // male form
  fatherName: string;
  /** The father is unknown: children get no patronymic. */
  noPatronymic: boolean;
  address: string;
  guardians: { id: string; relation: string }[];
  minGrade: number;
  children: number;
}

export interface PupilContext {
  rng: Prng;
  ids: IdSource;
  year: number;
  classes: readonly ClassInfo[];
  snils: Set<number>;
  phones: Set<string>;
}

export interface PupilPlan {
  students: StudentRow[];
  guardians: GuardianRow[];
  studentGuardians: LinkRow[];
}

/** Share of pupils who join an elder/younger sibling's family already in the school. */
const SIBLING_RATE = 0.035;

export function planPupils(ctx: PupilContext): PupilPlan {
  const { rng, ids, year } = ctx;
  const students: StudentRow[] = [];
  const guardians: GuardianRow[] = [];
  const studentGuardians: LinkRow[] = [];
  const families: Family[] = [];
  const emails = new Set<string>();
  const fileNo = new Map<string, number>();

  const guardian = (p: PersonName): string => {
    const refused = rng.chance(0.03);
    const row: GuardianRow = {
      id: ids.next(),
      last_name: p.last,
      first_name: p.first,
      middle_name: p.middle,
      phone: mobilePhone(rng, ctx.phones),
      email: !refused && rng.chance(0.72) ? privateEmail(rng, p, emails) : null,
      pd_consent_date: rng.chance(0.93) ? randomDate(rng, [year, 8, 18], [year, 8, 31]) : null,
      e_service_refused: refused ? 1 : 0,
    };
    guardians.push(row);
    return row.id;
  };

  const newFamily = (grade: number): Family => {
    const surname = rng.pick(SURNAMES);
    const fatherName = rng.pick(ADULT_MALE);
    const noPatronymic = rng.chance(0.01);
    const street = rng.pick(STREETS);
    const house = rng.int(1, 120);
    const address = rng.chance(0.88)
      ? `${POSTCODE}, ${CITY}, ${street}, д. ${house}, кв. ${rng.int(1, 180)}`
      : `${POSTCODE}, ${CITY}, ${street}, д. ${house}`;
    const f: Family = { surname, fatherName, noPatronymic, address, guardians: [], minGrade: grade, children: 0 };
    const r = rng.next();
    if (r < 0.03) {
      // A grandmother, aunt or guardian by court order.
      const g: Gender = rng.chance(0.8) ? 'f' : 'm';
      const p = adultName(rng, g, rng.chance(0.6) ? surname : undefined);
      f.guardians.push({ id: guardian(p), relation: 'законный представитель' });
    } else {
      const father = !noPatronymic && rng.chance(0.55);
      const mother = !father || rng.chance(0.96);
      if (mother) {
        const p = adultName(rng, 'f', rng.chance(0.9) ? surname : undefined);
        f.guardians.push({ id: guardian(p), relation: 'мать' });
      }
      if (father) {
        const p = adultName(rng, 'm', surname, fatherName);
        f.guardians.push({ id: guardian(p), relation: 'отец' });
      }
    }
    families.push(f);
    return f;
  };

  /** An existing one-child family whose child is in a lower grade, or null. */
  const siblingFamily = (grade: number): Family | null => {
    for (let attempt = 0; attempt < 4 && families.length > 0; attempt++) {
      const f = rng.pick(families);
      if (f.children === 1 && f.minGrade < grade) return f;
    }
    return null;
  };

  for (const c of ctx.classes) {
    // Born in the Sep–Aug window that makes the child 7 on 1 September of the first-grade year;
    // a few are younger (went to school at 6.5) or a year older.
    const y0 = year - 6 - c.grade;
    for (let k = 0; k < c.size; k++) {
      const family = (c.grade > 1 && rng.chance(SIBLING_RATE) && siblingFamily(c.grade)) || newFamily(c.grade);
      family.children++;
      const gender: Gender = rng.chance(0.5) ? 'm' : 'f';
      const last = surnameForm(family.surname, gender);
      const r = rng.next();
      const birth =
        r < 0.06 ? randomDate(rng, [y0, 9, 1], [y0 + 1, 2, 28])
        : r < 0.08 ? randomDate(rng, [y0 - 2, 9, 1], [y0 - 1, 8, 31])
        : randomDate(rng, [y0 - 1, 9, 1], [y0, 8, 31]);
      const letter = last.slice(0, 1).toUpperCase();
      const no = (fileNo.get(letter) ?? 0) + 1;
      fileNo.set(letter, no);
      const row: StudentRow = {
        id: ids.next(),
        last_name: last,
        first_name: rng.pick(gender === 'm' ? CHILD_MALE : CHILD_FEMALE),
        middle_name: family.noPatronymic ? null : patronymic(family.fatherName, gender),
        birth_date: birth,
        gender,
        snils: randomSnils(rng, ctx.snils),
        class_id: c.id,
        address: family.address,
        personal_file_no: `${letter}-${no}`,
        birth_certificate: null,
      };
      students.push(row);
      for (const g of family.guardians) {
        studentGuardians.push({ id: ids.next(), student_id: row.id, guardian_id: g.id, relation: g.relation });
      }
    }
  }
  return { students, guardians, studentGuardians };
}
