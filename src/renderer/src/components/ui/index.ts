// The console's small design system.
export { Badge, type BadgeTone } from './Badge';
export { ChartTableView } from './ChartTableView';
export { ChipSelect, type ChipOption } from './ChipSelect';
export { Coded } from './Coded';
export { instantColumn, moneyColumn } from './columns';
export {
  DataTable,
  type DataColumn,
  type DataTableProps,
  type ExportFormat,
  type SortState,
} from './DataTable';
export {
  DateRangePicker,
  describeRange,
  presetRange,
  PRESETS,
  type DateRange,
  type PresetId,
} from './DateRangePicker';
export { DateField, type DateFieldProps } from './DateField';
export { DateTime } from './DateTime';
export { ConfirmDialog, Dialog, type ConfirmDialogProps, type DialogProps } from './Dialog';
export { Drawer, DrawerSection, type DrawerProps } from './Drawer';
export {
  FormError,
  NoteField,
  SelectField,
  TextAreaField,
  TextField,
  type SelectFieldProps,
  type TextAreaFieldProps,
  type TextFieldProps,
} from './Field';
export { FormDialog } from './FormDialog';
export { Id } from './Id';
export { Money } from './Money';
export { SearchBox } from './SearchBox';
export { EmptyState, ErrorState, Skeleton } from './States';
export { ToastHost, useToast, type ToastTone } from './Toast';
export { Icon, type IconName } from './Icon';
export { Tabs } from './Tabs';
export { ListTotals, type ListTotalsProps } from './ListTotals';
