// A stored code shown by its readable name (an audit action, an entity, a ledger account), the code itself on hover.
export function Coded({ name, code }: { name: string; code: string }) {
  if (name === code) return <span>{name}</span>;
  return (
    <span className="coded" title={code} data-code={code}>
      {name}
    </span>
  );
}
