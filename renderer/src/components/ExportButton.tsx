import { useState } from 'react';
import { Button } from '@mantine/core';
import { IconFileSpreadsheet } from '@tabler/icons-react';
import { call, saveFile } from '../api';
import { notifyError, notifyOk } from '../lib/notify';
import { countOf } from '../lib/dates';
import type { ExportList, StudentSort } from '../../../electron/api/types';

type ListKind = ExportList;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The students' list as it is on screen: the file follows its filters and order. */
export interface StudentsFilter {
  search?: string;
  classId?: string | null;
  grade?: number;
  sort: StudentSort;
  desc: boolean;
}

/** «Экспорт в Excel»: the core builds the XLSX, the host saves it. */
export function ExportButton({ list, students }: { list: ListKind; students?: StudentsFilter }) {
  const [busy, setBusy] = useState(false);
  return (
    <Button
      variant="default"
      leftSection={<IconFileSpreadsheet size={16} stroke={1.6} color="var(--mantine-color-teal-7)" />}
      loading={busy}
      data-testid={`export-${list}`}
      onClick={async () => {
        setBusy(true);
        try {
          const f = await call('export.list', { list, students });
          await saveFile(f.fileName, f.id, XLSX);
          notifyOk(`Выгружено: ${countOf(f.rows, 'строка', 'строки', 'строк')}`, f.fileName);
        } catch (e) {
          notifyError(e, 'Экспорт не выполнен');
        } finally {
          setBusy(false);
        }
      }}
    >
      Экспорт в Excel
    </Button>
  );
}
