// The top bar's way into the jobs panel: how many jobs are running right now.
import type { Role } from '@shared/contract';
import { useRouteParams } from '../../lib/router';
import { JobsPanel } from './JobsPanel';
import { isActive, useJobs } from './useJobs';

export function JobsButton({ role }: { role: Role }) {
  const { jobs, list } = useJobs();
  const [params, setParams] = useRouteParams();
  const running = jobs.filter(isActive).length;
  return (
    <>
      <button
        type="button"
        className={`button button--small jobs-button${running ? ' jobs-button--busy' : ''}`}
        onClick={() => setParams({ jobs: 'open' })}
        aria-label={running ? `Jobs ${running} running` : undefined}
      >
        Jobs
        {running ? (
          <>
            {' '}
            <span className="jobs-button__count">{running}</span>
          </>
        ) : null}
      </button>
      {params.get('jobs') === 'open' ? (
        <JobsPanel jobs={jobs} list={list} role={role} onClose={() => setParams({ jobs: undefined })} />
      ) : null}
    </>
  );
}
