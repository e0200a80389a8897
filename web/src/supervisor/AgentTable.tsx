/** Agents: state (with break reason), time in it ticking, active conversations, occupancy, and an action to change the state. */
import type { AgentStats } from '../api/types.js';
import { useI18n } from '../i18n/context.js';
import { formatDuration, formatPct } from '../workspace/format.js';
import { sortAgents } from './model.js';

export const AgentTable = ({
  agents,
  now,
  onSetState,
}: {
  agents: readonly AgentStats[];
  now: number;
  onSetState: (a: AgentStats) => void;
}) => {
  const { t, tMaybe } = useI18n();
  return (
    <div className="panel table-panel">
      <table className="table sv-table" data-testid="agent-table">
        <caption className="table-caption">{t('sv.agents.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('sv.agents.agent')}</th>
            <th scope="col">{t('sv.agents.state')}</th>
            <th scope="col" className="num">
              {t('sv.agents.timeInState')}
            </th>
            <th scope="col" className="num">
              {t('sv.agents.active')}
            </th>
            <th scope="col">{t('sv.agents.occupancy')}</th>
            <th scope="col">{t('common.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {sortAgents(agents).map((a) => (
            <tr key={a.id} data-testid={`agent-row-${a.id}`} className={a.state === 'offline' ? 'is-dimmed' : undefined}>
              <th scope="row" className="cell-name cell-strong">
                {a.name}
              </th>
              <td data-testid={`agent-state-${a.id}`} data-state={a.state}>
                <span className={`state-pill presence-${a.state}`}>
                  <span className="presence-dot" aria-hidden="true" />
                  {t(`presence.${a.state}`)}
                  {a.reason && <span className="state-reason"> · {tMaybe(`break.${a.reason}`, a.reason)}</span>}
                </span>
              </td>
              <td className="num cell-mono" data-testid={`agent-since-${a.id}`}>
                {formatDuration(now - a.since)}
              </td>
              <td className="num">
                {a.activeContacts} / {a.capacity}
              </td>
              <td>
                <span className="occupancy">
                  <span className="occupancy-bar" aria-hidden="true">
                    <span style={{ width: `${Math.round(Math.min(1, Math.max(0, a.occupancy)) * 100)}%` }} />
                  </span>
                  {formatPct(a.occupancy)}
                </span>
              </td>
              <td className="cell-actions">
                <button type="button" className="btn btn-small" onClick={() => onSetState(a)} data-testid={`agent-set-state-${a.id}`}>
                  {t('sv.agents.setState')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {agents.length === 0 && <p className="table-state muted">{t('sv.agents.empty')}</p>}
    </div>
  );
};
