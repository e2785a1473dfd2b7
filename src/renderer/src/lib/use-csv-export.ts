// Exports every matching row as a CSV file made by main (not just the page on screen), with a toast for the outcome.
import { useState } from 'react';
import type { CsvFile } from '@shared/contract/codes';
import { apiErrorOf } from './api';
import { downloadCsv } from './csv';
import { useToast } from '../components/ui';

export function useCsvExport(what: string, makeFile: () => Promise<CsvFile>) {
  const toast = useToast();
  const [exporting, setExporting] = useState(false);
  const run = async () => {
    setExporting(true);
    try {
      const file = await makeFile();
      downloadCsv(file.filename, file.csv);
      toast(`Downloaded ${file.filename}.`);
    } catch (e) {
      toast(`Could not export ${what}: ${apiErrorOf(e)?.message ?? String(e)}`, 'error');
    } finally {
      setExporting(false);
    }
  };
  return { exporting, run };
}
