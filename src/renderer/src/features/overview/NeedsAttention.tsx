// "Needs attention" on the Overview: sync errors, drift, open disputes, failed bank payouts, instructors who cannot
// be paid and unattributed money — each item links to its object (a page of the console or Stripe).
import type { AttentionGroup, AttentionLink } from '@shared/contract/overview';
import { apiErrorOf, useQueryMethod } from '../../lib/api';
import { buildHash } from '../../lib/router';
import { Badge, DateTime, ErrorState } from '../../components/ui';

function hrefOf(link: AttentionLink): { href: string; external: boolean } {
  return link.kind === 'stripe'
    ? { href: link.url, external: true }
    : { href: buildHash(link.path, link.params), external: false };
}

function Group({ group }: { group: AttentionGroup }) {
  const more = group.total - group.items.length;
  return (
    <li className="attention__group">
      <h3 className="attention__label">
        <Badge tone={group.tone}>{group.total.toLocaleString('en-GB')}</Badge> {group.label}
      </h3>
      <ul className="attention__items">
        {group.items.map((item) => {
          const { href, external } = hrefOf(item.link);
          return (
            <li key={item.id} className="attention__item">
              <a href={href} {...(external ? { target: '_blank', rel: 'noreferrer noopener' } : {})}>
                {item.title}
                {external ? <span className="muted"> (in Stripe)</span> : null}
              </a>
              <div className="attention__detail muted" title={item.detail}>
                {item.detail}
                {item.at ? (
                  <>
                    {' · '}
                    <DateTime ms={item.at} />
                  </>
                ) : null}
              </div>
            </li>
          );
        })}
        {more > 0 ? <li className="attention__more muted">and {more.toLocaleString('en-GB')} more</li> : null}
      </ul>
    </li>
  );
}

export function NeedsAttention() {
  const q = useQueryMethod('overview.attention', {});
  if (q.isError)
    return (
      <ErrorState
        error={apiErrorOf(q.error)!}
        onRetry={() => void q.refetch()}
        title="Could not load what needs attention"
      />
    );
  if (!q.data || q.data.length === 0) return null;
  return (
    <section className="panel attention" aria-label="Needs attention">
      <h2 className="attention__title">Needs attention</h2>
      <ul className="attention__groups">
        {q.data.map((g) => (
          <Group key={g.kind} group={g} />
        ))}
      </ul>
    </section>
  );
}
