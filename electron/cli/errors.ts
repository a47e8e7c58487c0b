/** Wrong use of the command line (exit code 2), as opposed to a refused operation (exit code 1). */
export class UsageError extends Error {}

/** ДД.ММ.ГГГГ (or ГГГГ-ММ-ДД) → ISO; the core checks that the day exists. */
export function day(v: string | undefined, name: string): string | undefined {
  if (v === undefined) return undefined;
  const ru = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(v);
  if (ru) return `${ru[3]}-${ru[2]}-${ru[1]}`;
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return v;
  throw new UsageError(`${name}: дата указывается как ДД.ММ.ГГГГ, получено «${v.slice(0, 20)}»`);
}
