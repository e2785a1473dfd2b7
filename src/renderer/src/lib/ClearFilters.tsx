// "Clear all" for a list whose filters live in the route: shown while any of them is set, clears them and the page.
export function ClearFilters({
  keys,
  params,
  setParams,
}: {
  keys: readonly string[];
  params: URLSearchParams;
  setParams: (patch: Record<string, string | undefined>) => void;
}) {
  if (!keys.some((k) => params.get(k))) return null;
  return (
    <button
      type="button"
      className="link-button"
      onClick={() => setParams({ ...Object.fromEntries(keys.map((k) => [k, undefined])), page: undefined })}
    >
      Clear all
    </button>
  );
}
