import { Button, Group } from '@mantine/core';
import { IconFileSpreadsheet, IconPrinter } from '@tabler/icons-react';

export const PDF_MIME = 'application/pdf';
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface FileAction {
  busy: boolean;
  run: () => Promise<unknown>;
}

/** A document's «Печать (PDF)» and «Excel» buttons, each running its file job (`<testId>-pdf`, `<testId>-xlsx`). */
export function PdfXlsxButtons({ pdf, xlsx, disabled, testId }: { pdf: FileAction; xlsx: FileAction; disabled: boolean; testId: string }) {
  return (
    <Group gap="xs">
      <Button variant="default" leftSection={<IconPrinter size={16} stroke={1.6} />} loading={pdf.busy} disabled={disabled} onClick={() => void pdf.run()} data-testid={`${testId}-pdf`}>
        Печать (PDF)
      </Button>
      <Button
        variant="default"
        leftSection={<IconFileSpreadsheet size={16} stroke={1.6} color="var(--mantine-color-teal-7)" />}
        loading={xlsx.busy}
        disabled={disabled}
        onClick={() => void xlsx.run()}
        data-testid={`${testId}-xlsx`}
      >
        Excel
      </Button>
    </Group>
  );
}
