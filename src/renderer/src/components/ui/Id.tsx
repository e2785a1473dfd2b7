// Identifiers: monospace, truncated in the middle, full value in a tooltip, with a copy button.
import { useState } from 'react';
import { middleTruncate } from '../../lib/format';
import { Icon } from './Icon';

export interface IdProps {
  value: string;
  head?: number;
  tail?: number;
  /** Name for the copy button, e.g. "operator id". */
  label?: string;
  /** Link to the object elsewhere (the Stripe Dashboard); main opens allow-listed https links outside the app. */
  href?: string;
}

export function Id({ value, head = 8, tail = 4, label = 'id', href }: IdProps) {
  const [copied, setCopied] = useState(false);
  const copy = async (event: React.MouseEvent) => {
    event.stopPropagation();
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
      setTimeout(() => setCopied(false), 1_200);
    } catch {
      setCopied(false);
    }
  };
  return (
    <span className="id">
      <code className="id__value" title={value}>
        {middleTruncate(value, head, tail)}
      </code>
      <button
        type="button"
        className="id__copy"
        onClick={copy}
        aria-label={`Copy ${label} ${value}`}
        title="Copy"
      >
        <Icon name={copied ? 'check' : 'copy'} size={12} />
      </button>
      {href ? (
        <a
          className="id__link"
          href={href}
          target="_blank"
          rel="noreferrer noopener"
          onClick={(e) => e.stopPropagation()}
          aria-label={`Open ${label} ${value} in Stripe`}
        >
          ↗
        </a>
      ) : null}
    </span>
  );
}
