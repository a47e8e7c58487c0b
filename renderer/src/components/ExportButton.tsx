import { Button } from '@mantine/core';
import { IconFileSpreadsheet } from '@tabler/icons-react';
import { call, saveFile } from '../api';
import { useAction } from '../data/useAction';
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
  const exporting = useAction(
    async () => {
      const f = await call('export.list', { list, students });
      await saveFile(f.fileName, f.id, XLSX);
      return f;
    },
    { invalidates: false, notify: 'Экспорт не выполнен', success: (f) => ({ title: f.fileName, message: `Выгружено: ${countOf(f.rows, 'строка', 'строки', 'строк')}` }) },
  );
  return (
    <Button
      variant="default"
      leftSection={<IconFileSpreadsheet size={16} stroke={1.6} color="var(--mantine-color-teal-7)" />}
      loading={exporting.busy}
      data-testid={`export-${list}`}
      onClick={() => void exporting.run()}
    >
      Экспорт в Excel
    </Button>
  );
}
