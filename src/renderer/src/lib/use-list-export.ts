// A list's "Export CSV / Export XLSX": an export job of every row its filters match (use-file-export follows it and
// hands the file over), in the shape DataTable's `exportAll` takes.
import { LIST_EXPORT_FORMATS, type ListExportFormat } from '@shared/contract/common';
import { useFileExport } from './use-file-export';

export function useListExport(what: string, start: (format: ListExportFormat) => Promise<{ jobId: string }>) {
  const files = useFileExport(what);
  return {
    exporting: files.running !== null,
    formats: LIST_EXPORT_FORMATS,
    run: (format: ListExportFormat) => files.run(format, () => start(format)),
  };
}
