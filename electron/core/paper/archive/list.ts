// The archives built, with the storage of each kind of document («хранить до») and the reminders:
// a kind whose storage ends within 90 days, or has ended (issue 14 point 5; storage.ts).
import type { Ctx } from '../../context';
import { todayOf } from '../../context';
import type { ArchiveReminder, ArchivesView } from '../../../api/paperArchive';
import { gradeRanges } from '../../../api/grades';
import { ruDate } from '../../format';
import { currentYearOrNull } from '../../year';
import * as tq from '../../term/queries';
import * as q from './queries';
import { STORAGE_KINDS, storageOf } from './storage';

const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);

export function archivesView(ctx: Ctx): ArchivesView {
  return ctx.db.tx(() => {
    const today = todayOf(ctx);
    const yearId = currentYearOrNull(ctx);
    const year = yearId ? q.yearById(ctx.db, yearId) : undefined;
    const periods = year
      ? tq.studyPeriods(ctx.db, year.id).map((p) => ({
          id: p.id,
          name: p.name,
          grades: gradeRanges(range(p.grade_from, p.grade_to)),
          startDate: p.start_date,
          endDate: p.end_date,
          ended: today >= p.end_date,
        }))
      : [];
    const reminders: ArchiveReminder[] = [];
    const archives = q.archives(ctx.db).map((a) => {
      const storage = storageOf(a.year_end, today);
      for (const s of storage) {
        if (s.state === 'ok') continue;
        reminders.push({
          archiveId: a.id,
          fileName: a.file_name,
          label: s.label,
          until: s.until,
          expired: s.state === 'expired',
          text:
            s.state === 'expired'
              ? `${s.label}, архив «${a.file_name}»: срок хранения истёк ${ruDate(s.until)} — можно составить акт о выделении к уничтожению`
              : `${s.label}, архив «${a.file_name}»: срок хранения истекает ${ruDate(s.until)}`,
        });
      }
      return {
        id: a.id,
        kind: a.kind,
        yearName: a.year_name,
        periodName: a.period_name,
        fileName: a.file_name,
        size: a.size,
        digest: a.digest,
        builtAt: a.built_at,
        builtBy: a.built_by,
        storage,
      };
    });
    // One reminder per file name and kind of document (rebuilding an archive makes a second row of the same).
    const seen = new Set<string>();
    const unique = reminders.filter((r) => {
      const k = `${r.fileName}\u0000${r.label}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
    return {
      today,
      year: year ? { id: year.id, name: year.name, endDate: year.end_date } : null,
      periods,
      kinds: [...STORAGE_KINDS],
      archives,
      reminders: unique,
    };
  });
}
