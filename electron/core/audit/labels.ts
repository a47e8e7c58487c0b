// How the audit log reads to a person: a Russian label for each changed record, Russian names of
// the changed fields, and their values as the app shows them (dates, yes/no, names instead of ids).
// Every title, label and kind of value is read from the entity registry (db/entities.ts): there is
// no second list here, so a new table or column is named in the log once it is declared there.
import type { Ctx } from '../context';
import type { AuditEntry } from '../../api/types';
import { ruDate, parseJsonArray } from '../format';
import { auditActions } from '../../api/enums';
import { namesByIds, type AuditRow } from './queries';
import { audited, type Column } from '../../../db';

export type { AuditRow } from './queries';

export const ACTIONS = auditActions.labels;

/** A column's (or an event key's) Russian label in the log: from the entity registry. */
export function fieldLabel(entity: string, column: string): string {
  return audited(entity)?.columns[column]?.label ?? column;
}

/** The title of a kind of record in the log's filter: «Ученики». */
export function entityTitle(entity: string): string {
  return audited(entity)?.title ?? entity;
}

/** A moment (ISO UTC) as the school's computer shows it: 'dd.mm.yyyy HH:MM'. */
export function ruDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getDate())}.${p(d.getMonth() + 1)}.${d.getFullYear()} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** Names of records by id, one query per chunk of ids; unknown ids are absent from the map. */
export function recordNames(ctx: Ctx, entity: string, ids: Iterable<string>): Map<string, string> {
  const list = [...new Set(ids)];
  const label = audited(entity)?.label;
  if (!label) return new Map();
  if ('of' in label) return new Map(list.map((id) => [id, label.of(id)]));
  return namesByIds(ctx.db, entity, label.sql, list);
}

function parse(json: string | null): Record<string, unknown> {
  if (!json) return {};
  try {
    const v = JSON.parse(json) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const empty = (v: unknown) => v === null || v === undefined || v === '' || v === '[]';

/** A value as the log shows it, by its column's declaration in the entity registry. */
function display(c: Column | undefined, v: unknown, refs: Map<string, Map<string, string>>): unknown {
  if (v === null || v === undefined || v === '') return null;
  if (!c) return v;
  if (c.ref && typeof v === 'string') return refs.get(c.ref)?.get(v) ?? 'запись не найдена';
  if (c.shows === 'date' && typeof v === 'string') return ruDate(v);
  if (c.shows === 'time' && typeof v === 'string') return ruDateTime(v);
  if (c.shows === 'flag') return v === true || v === 1 ? 'да' : v === false || v === 0 ? 'нет' : v;
  if (c.shows === 'list' && typeof v === 'string') return parseJsonArray<string | number>(v).map((x) => c.names?.[String(x)] ?? x).join(', ') || null;
  if (c.names && typeof v === 'string') return c.names[v] ?? v;
  return v;
}

/**
 * Turns raw audit rows into entries a person can read. Labels and referenced names are looked up
 * in batches: one query per kind of record on the page, not one per row.
 */
export function describe(ctx: Ctx, rows: AuditRow[]): AuditEntry[] {
  const parsed = rows.map((r) => ({ r, old: parse(r.old_values), neu: parse(r.new_values) }));
  const wanted = new Map<string, Set<string>>();
  const want = (entity: string, id: string) => {
    let s = wanted.get(entity);
    if (!s) wanted.set(entity, (s = new Set()));
    s.add(id);
  };
  for (const { r, old, neu } of parsed) {
    want(r.entity, r.entity_id);
    const columns = audited(r.entity)?.columns;
    for (const vals of [old, neu])
      for (const [k, v] of Object.entries(vals)) {
        const ref = columns?.[k]?.ref;
        if (ref && typeof v === 'string' && v) want(ref, v);
      }
  }
  const names = new Map<string, Map<string, string>>();
  for (const [entity, ids] of wanted) names.set(entity, recordNames(ctx, entity, ids));

  return parsed.map(({ r, old, neu }) => {
    const def = audited(r.entity);
    const name = names.get(r.entity)?.get(r.entity_id);
    const entityLabel = def ? `${def.label.prefix}${name ?? 'запись не найдена'}` : `${r.entity} ${r.entity_id}`;
    // Events read as one statement, not as a field going from «пусто» to something.
    const base = { seq: r.seq, at: r.at, actor: r.actor, entity: r.entity, entityLabel, entityId: r.entity_id, action: r.action };
    if (r.action === 'delete') return { ...base, changes: [], event: 'Запись удалена' };
    if (r.entity === 'app_user' && r.old_values === null && typeof neu.session === 'string') return { ...base, changes: [], event: sessionEvent(neu.session) };
    const columns = r.action === 'insert' ? Object.keys(neu).filter((k) => !empty(neu[k])) : [...new Set([...Object.keys(old), ...Object.keys(neu)])];
    const changes = columns
      .filter((k) => !def?.columns[k]?.audit && !(r.action === 'insert' && k === 'deleted_at'))
      .map((k) => ({ field: def?.columns[k]?.label ?? k, old: r.action === 'insert' ? null : display(def?.columns[k], old[k], names), new: display(def?.columns[k], neu[k], names) }));
    return { ...base, changes };
  });
}

/** A login event as stored ('вход', 'неверный пароль, вход заблокирован на 15 мин.') as a sentence of the log. */
export function sessionEvent(stored: string): string {
  const known: Record<string, string> = { вход: 'Вход в программу', выход: 'Выход из программы', 'неверный пароль': 'Неверный пароль при входе' };
  const text = known[stored] ?? stored.replace(/^неверный пароль, /, 'Неверный пароль при входе; ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
