// The state of an import (students and staff, the enrollment export): file → column mapping →
// check of every row → one all-or-nothing commit. The pages draw the steps (steps.tsx); this keeps
// what was chosen, read and written, and which of the three calls runs now.
import { useState } from 'react';
import { uploadFile } from '../api';
import { useAction } from '../data/useAction';
import { missingRequired } from './columns';
import type { ImportPreview } from '../../../electron/api/types';

/** The file given to the core (uploadFile): its name and id. */
export interface Loaded {
  fileName: string;
  file: string;
}
export type Mapping = Record<string, number | null>;
/** What runs now: reading the file, checking the rows, writing them. */
export type ImportPhase = 'read' | 'check' | 'commit' | null;

export interface ImportFlowCalls<P, R> {
  /** The core's preview of the file: with `mapping` the check of every row, without it the columns it guesses. */
  preview: (loaded: Loaded, mapping?: Mapping) => Promise<P>;
  commit: (loaded: Loaded, mapping: Mapping) => Promise<R>;
  /** The notification after the commit. */
  success: (result: R) => { title: string; message: string };
}

export function useImportFlow<P extends Omit<ImportPreview, 'students'>, R>(calls: ImportFlowCalls<P, R>) {
  const [file, setFile] = useState<Loaded | null>(null);
  /** The preview of the file as read, before the mapping was chosen. */
  const [first, setFirst] = useState<P | null>(null);
  const [mapping, setMapping] = useState<Mapping>({});
  /** The preview with the chosen mapping: every row checked. */
  const [checked, setChecked] = useState<P | null>(null);
  const [result, setResult] = useState<R | null>(null);
  const [step, setStep] = useState(0);
  const [busy, setBusy] = useState<ImportPhase>(null);
  const during =
    <A extends unknown[], T>(phase: Exclude<ImportPhase, null>, fn: (...a: A) => Promise<T>) =>
    async (...a: A): Promise<T> => {
      setBusy(phase);
      try {
        return await fn(...a);
      } finally {
        setBusy(null);
      }
    };
  const reading = useAction(
    during('read', async (f: File, keepMapping: boolean) => {
      const given = await uploadFile(f);
      const loaded = { fileName: given.fileName, file: given.id };
      const p = await calls.preview(loaded);
      setFile(loaded);
      setFirst(p);
      setResult(null);
      if (keepMapping && first && JSON.stringify(first.headers) === JSON.stringify(p.headers)) {
        setBusy('check');
        setChecked(await calls.preview(loaded, mapping));
        setStep(2);
      } else {
        setMapping(p.mapping);
        setChecked(null);
        setStep(1);
      }
    }),
    { invalidates: false },
  );
  const checking = useAction(
    during('check', (loaded: Loaded) => calls.preview(loaded, mapping)),
    {
      invalidates: false,
      onSuccess: (c) => {
        setChecked(c);
        setStep(2);
      },
    },
  );
  const committing = useAction(
    during('commit', (loaded: Loaded) => calls.commit(loaded, mapping)),
    {
      success: (r) => calls.success(r),
      onSuccess: (r) => {
        setResult(r);
        setStep(3);
      },
    },
  );
  const error = reading.error ?? checking.error ?? committing.error;
  const clearError = () => {
    reading.setError(null);
    checking.setError(null);
    committing.setError(null);
  };
  const reset = () => {
    setFile(null);
    setFirst(null);
    setChecked(null);
    setResult(null);
    setMapping({});
    clearError();
    setStep(0);
  };

  return {
    file,
    first,
    mapping,
    setMapping,
    checked,
    result,
    step,
    setStep,
    busy,
    error,
    clearError,
    reset,
    /** The required fields no column is chosen for. */
    missing: first ? missingRequired(first.fields, mapping) : [],
    /** Reads a file; a corrected file with the same headers keeps the chosen mapping and is checked at once. */
    pick: async (f: File, keepMapping: boolean) => {
      clearError();
      await reading.run(f, keepMapping);
    },
    check: async () => {
      if (!file) return;
      clearError();
      await checking.run(file);
    },
    commit: async () => {
      if (!file) return;
      clearError();
      await committing.run(file);
    },
  };
}
