/** The headline figures: waiting, longest wait, answered, abandoned, service level and agents. */
import type { LiveStats } from '../api/types.js';
import { useI18n } from '../i18n/context.js';
import { formatDuration, formatPct } from '../workspace/format.js';
import { slTone, totals, waitNow } from './model.js';

const Tile = ({ id, label, value, sub, tone }: { id: string; label: string; value: string; sub?: string; tone?: string }) => (
  <div className={`kpi-tile${tone ? ` tone-${tone}` : ''}`} data-testid={`kpi-${id}`}>
    <span className="kpi-label">{label}</span>
    <span className="kpi-value" data-testid={`kpi-${id}-value`}>
      {value}
    </span>
    {sub && <span className="kpi-sub">{sub}</span>}
  </div>
);

export const KpiTiles = ({ stats, now }: { stats: LiveStats; now: number }) => {
  const { t } = useI18n();
  const x = totals(stats);
  const offered = x.answered + x.abandoned;
  return (
    <div className="kpi-row">
      <Tile id="waiting" label={t('sv.kpi.waiting')} value={String(x.waiting)} tone={x.waiting > 0 ? 'amber' : undefined} />
      <Tile id="longest-wait" label={t('sv.kpi.longestWait')} value={formatDuration(waitNow(x.longestWaitMs, x.waiting, stats.at, now))} />
      <Tile id="answered" label={t('sv.kpi.answered')} value={String(x.answered)} />
      <Tile
        id="abandoned"
        label={t('sv.kpi.abandoned')}
        value={String(x.abandoned)}
        sub={offered > 0 ? t('sv.kpi.abandonRate', { pct: formatPct(x.abandoned / offered) }) : undefined}
      />
      <Tile id="service-level" label={t('sv.kpi.serviceLevel')} value={formatPct(x.serviceLevel)} tone={slTone(x.serviceLevel)} />
      <Tile
        id="agents"
        label={t('sv.kpi.agents')}
        value={`${x.agentsAvailable} / ${x.agentsLoggedIn}`}
        sub={t('sv.kpi.agentsSub', { n: String(x.activeContacts) })}
      />
    </div>
  );
};
