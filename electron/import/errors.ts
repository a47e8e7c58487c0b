/** The file cannot be read as a spreadsheet; the message is Russian and meant for the user. */
export class ImportFormatError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ImportFormatError';
  }
}
