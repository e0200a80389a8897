/** Queues now and today, with one row per customer tier under each queue. */
import { Fragment } from 'react';
import type { LiveStats } from '../api/types.js';
import { useI18n } from '../i18n/context.js';
import { Badge } from '../ui/Badge.js';
import { formatDuration, formatPct } from '../workspace/format.js';
import { slTone, waitNow } from './model.js';

export const QueueTable = ({ stats, now }: { stats: LiveStats; now: number }) => {
  const { t, tMaybe } = useI18n();
  return (
    <div className="panel table-panel">
      <table className="table sv-table" data-testid="queue-table">
        <caption className="table-caption">{t('sv.queues.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('sv.queues.queue')}</th>
            <th scope="col" className="num">
              {t('sv.queues.waiting')}
            </th>
            <th scope="col" className="num">
              {t('sv.queues.longestWait')}
            </th>
            <th scope="col" className="num">
              {t('sv.queues.answered')}
            </th>
            <th scope="col" className="num">
              {t('sv.queues.abandoned')}
            </th>
            <th scope="col" className="num">
              {t('sv.queues.serviceLevel')}
            </th>
          </tr>
        </thead>
        <tbody>
          {stats.queues.map((q) => (
            <Fragment key={q.id}>
              <tr className="queue-row" data-testid={`queue-row-${q.id}`}>
                <th scope="row" className="cell-strong">
                  {q.name}
                </th>
                <td className="num" data-testid={`queue-waiting-${q.id}`}>
                  {q.waiting > 0 ? <Badge tone="amber">{q.waiting}</Badge> : q.waiting}
                </td>
                <td className="num">{q.waiting > 0 ? formatDuration(waitNow(q.longestWaitMs, q.waiting, stats.at, now)) : '—'}</td>
                <td className="num">{q.answeredToday}</td>
                <td className="num">{q.abandonedToday}</td>
                <td className="num">
                  <Badge tone={slTone(q.serviceLevelToday)}>{formatPct(q.serviceLevelToday)}</Badge>
                </td>
              </tr>
              {q.tiers.map((tier) => (
                <tr key={tier.tier} className="tier-row" data-testid={`queue-tier-row-${q.id}-${tier.tier}`}>
                  <th scope="row" className="tier-cell">
                    <span className={`tier-chip tier-${tier.tier}`}>{tMaybe(`tier.${tier.tier}`, tier.tier)}</span>
                  </th>
                  <td className="num">{tier.waiting}</td>
                  <td className="num muted">—</td>
                  <td className="num">{tier.answeredToday}</td>
                  <td className="num">{tier.abandonedToday}</td>
                  <td className="num">{formatPct(tier.serviceLevelToday)}</td>
                </tr>
              ))}
            </Fragment>
          ))}
        </tbody>
      </table>
      {stats.queues.length === 0 && <p className="table-state muted">{t('sv.queues.empty')}</p>}
    </div>
  );
};
