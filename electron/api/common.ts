// Result shapes shared by several features.

/** One page of a long list, and how many rows the whole list has. */
export interface Page<R> {
  total: number;
  rows: R[];
}

/**
 * A file the core made (an export, a report), by reference: the job wrote it into the host's
 * private temporary folder. The browser fetches it once (`GET /files/<id>`, then it is deleted);
 * the Electron shell copies it to the path chosen in the save dialog. It expires unfetched.
 */
export interface ExportedFile {
  /** The host's reference to the file (not a path). */
  id: string;
  fileName: string;
  /** Bytes. */
  size: number;
  rows: number;
}

/**
 * A file given to the core (an upload in the browser, a file chosen in the desktop app's dialog,
 * a path on the command line): the operations that read it take its `id`.
 */
export interface InputFile {
  id: string;
  fileName: string;
  size: number;
}
