// Result shapes shared by several features.

/** One page of a long list, and how many rows the whole list has. */
export interface Page<R> {
  total: number;
  rows: R[];
}

/** A file the core made (an export, a report): the renderer saves it where the user says. */
export interface ExportedFile {
  fileName: string;
  data: string; // base64
  rows: number;
}
