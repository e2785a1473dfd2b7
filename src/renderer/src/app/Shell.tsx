// The console's frame: sidebar with every area the role may use, top bar with mode and sync status, the routed page.
import { useEffect, useMemo, useState } from 'react';
import type { OperatorView, SessionStatus } from '@shared/contract/auth';
import { navigate, useRoute } from '../lib/router';
import { areaForPath, visibleAreas, type Area } from './areas';
import { CommandPalette, areaCommands } from './CommandPalette';
import { PayoutsPage } from '../features/payouts/PayoutsPage';
import { ReconciliationPage } from '../features/reconciliation/ReconciliationPage';
import { ModeBand } from './ModeBand';
import { NotAllowedPage } from './NotAllowedPage';
import { AuditPage } from '../features/audit/AuditPage';
import { OperatorsPage } from '../features/operators/OperatorsPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { InstructorsPage } from '../features/instructors/InstructorsPage';
import { OverviewPage } from '../features/overview/OverviewPage';
import { PaymentsPage } from '../features/payments/PaymentsPage';
import { CodesPage } from '../features/codes/CodesPage';
import { CreditsPage } from '../features/credits/CreditsPage';
import { UnattributedPage } from '../features/unattributed/UnattributedPage';
import { RefundsPage } from '../features/refunds/RefundsPage';
import { SyncStatusBar } from '../features/sync/SyncStatusBar';
import { JobsButton } from '../features/jobs/JobsButton';

/** The page's landmark, where "Skip to content" moves focus. */
const MAIN_ID = 'main-content';

export interface ShellProps {
  status: SessionStatus;
  operator: OperatorView;
  onSignOut: () => void;
}

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

export function Shell({ status, operator, onSignOut }: ShellProps) {
  const route = useRoute();
  const areas = useMemo(() => visibleAreas(operator.role), [operator.role]);
  const [paletteOpen, setPaletteOpen] = useState(false);
  const area = areaForPath(route.path);

  useEffect(() => {
    if (!area) navigate(areas[0]?.path ?? '/overview', undefined, true);
  }, [area, areas]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        setPaletteOpen((o) => !o);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const commands = useMemo(() => areaCommands(areas, (path) => navigate(path)), [areas]);
  const work = areas.filter((a) => a.group === 'work');
  const admin = areas.filter((a) => a.group === 'admin');

  return (
    <div className="shell">
      <a
        className="skip-link"
        href={`#${MAIN_ID}`}
        onClick={(event) => {
          // The route lives in the hash: focus the page instead of following the link.
          event.preventDefault();
          document.getElementById(MAIN_ID)?.focus();
        }}
      >
        Skip to content
      </a>
      <nav className="sidebar" aria-label="Main">
        <div className="sidebar__brand">
          <span className="brand-mark" aria-hidden="true">
            L
          </span>
          <div className="sidebar__brand-text">
            <div className="sidebar__product">LPlate</div>
            <div className="sidebar__workspace" title="Workspace">
              {status.workspace.name}
            </div>
          </div>
        </div>
        <ul className="sidebar__list">
          {work.map((a) => (
            <NavItem key={a.id} area={a} current={a === area} />
          ))}
        </ul>
        {admin.length > 0 ? (
          <ul className="sidebar__list sidebar__list--admin">
            {admin.map((a) => (
              <NavItem key={a.id} area={a} current={a === area} />
            ))}
          </ul>
        ) : null}
        <div className="sidebar__spacer" />
        <button type="button" className="sidebar__palette" onClick={() => setPaletteOpen(true)}>
          <span>Go to…</span>
          <kbd>{isMac ? '⌘K' : 'Ctrl K'}</kbd>
        </button>
        <div className="sidebar__operator">
          <div className="sidebar__operator-text">
            <div className="sidebar__operator-name" data-testid="operator-name">
              {operator.name}
            </div>
            <div className="sidebar__operator-role" data-testid="operator-role">
              {operator.role}
            </div>
          </div>
          <button type="button" className="button button--small button--ghost" onClick={onSignOut}>
            Sign out
          </button>
        </div>
      </nav>
      <div className="main">
        <div className="topbar">
          <div className="topbar__mode">
            <ModeBand mode={status.workspace.mode} />
          </div>
          <div className="topbar__right">
            <SyncStatusBar role={operator.role} />
            <JobsButton role={operator.role} />
          </div>
        </div>
        <main className="content" id={MAIN_ID} tabIndex={-1}>
          <Page area={area} operator={operator} allowed={area ? areas.includes(area) : false} />
        </main>
      </div>
      <CommandPalette open={paletteOpen} onClose={() => setPaletteOpen(false)} commands={commands} />
    </div>
  );
}

function NavItem({ area, current }: { area: Area; current: boolean }) {
  return (
    <li>
      <a
        href={`#${area.path}`}
        className={`sidebar__link${current ? ' sidebar__link--current' : ''}`}
        aria-current={current ? 'page' : undefined}
      >
        {area.label}
      </a>
    </li>
  );
}

function Page({
  area,
  operator,
  allowed,
}: {
  area: Area | undefined;
  operator: OperatorView;
  allowed: boolean;
}) {
  if (!area) return null;
  if (!allowed) return <NotAllowedPage label={area.label} roleName={operator.role} />;
  switch (area.id) {
    case 'overview':
      return <OverviewPage />;
    case 'payments':
      return <PaymentsPage />;
    case 'instructors':
      return <InstructorsPage />;
    case 'codes':
      return <CodesPage role={operator.role} />;
    case 'credits':
      return <CreditsPage role={operator.role} />;
    case 'unattributed':
      return <UnattributedPage role={operator.role} />;
    case 'refunds':
      return <RefundsPage role={operator.role} />;
    case 'payouts':
      return <PayoutsPage role={operator.role} />;
    case 'audit':
      return <AuditPage />;
    case 'operators':
      return <OperatorsPage operator={operator} />;
    case 'settings':
      return <SettingsPage operator={operator} />;
    case 'reconciliation':
      return <ReconciliationPage role={operator.role} />;
  }
}
