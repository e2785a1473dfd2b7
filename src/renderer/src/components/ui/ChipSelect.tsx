// A filter chip that is a native select: "Status: any" until chosen, highlighted when set; an unknown value from the route still shows.
export interface ChipOption {
  value: string;
  label: string;
}

export function ChipSelect({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: string;
  options: ChipOption[];
  onChange: (value: string) => void;
}) {
  const known = !value || options.some((o) => o.value === value);
  return (
    <span className={`chip-select${value ? ' chip-select--active' : ''}`}>
      <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{`${label}: any`}</option>
        {!known ? <option value={value}>{`${label}: ${value}`}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {`${label}: ${o.label}`}
          </option>
        ))}
      </select>
    </span>
  );
}
