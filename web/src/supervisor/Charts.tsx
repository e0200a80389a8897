/** Small inline SVG charts: people waiting per queue, today's service level, waiting over the last minutes. */
import { useI18n } from '../i18n/context.js';
import { formatPct } from '../workspace/format.js';
import { barWidths, gaugeArc, sparklineArea, sparklinePath } from './chart-geometry.js';
import type { Sample } from './history.js';
import { slTone } from './model.js';

export const WaitingBars = ({ items }: { items: ReadonlyArray<{ label: string; value: number }> }) => {
  const { t } = useI18n();
  const LABEL_W = 110;
  const BAR_W = 170;
  const ROW = 26;
  const bars = barWidths(items, BAR_W);
  const h = Math.max(ROW, bars.length * ROW);
  return (
    <figure className="chart" data-testid="chart-waiting-bars">
      <figcaption>{t('sv.chart.waitingPerQueue')}</figcaption>
      {bars.length === 0 ? (
        <p className="muted chart-empty">{t('sv.queues.empty')}</p>
      ) : (
        <svg viewBox={`0 0 ${LABEL_W + BAR_W + 40} ${h}`} width="100%" role="img" aria-label={t('sv.chart.waitingPerQueue')}>
          {bars.map((b, i) => (
            <g key={b.label} transform={`translate(0 ${i * ROW})`}>
              <text x={LABEL_W - 8} y={ROW / 2 + 4} textAnchor="end" className="chart-label">
                {b.label.length > 14 ? `${b.label.slice(0, 13)}…` : b.label}
              </text>
              <rect x={LABEL_W} y={5} width={BAR_W} height={ROW - 10} rx={3} className="bar-track" />
              <rect x={LABEL_W} y={5} width={Math.max(b.value > 0 ? 3 : 0, b.width)} height={ROW - 10} rx={3} className="bar-value" />
              <text x={LABEL_W + BAR_W + 8} y={ROW / 2 + 4} className="chart-value">
                {b.value}
              </text>
            </g>
          ))}
        </svg>
      )}
    </figure>
  );
};

export const ServiceLevelGauge = ({ value }: { value: number | null }) => {
  const { t } = useI18n();
  const tone = slTone(value);
  return (
    <figure className="chart chart-gauge" data-testid="chart-service-level">
      <figcaption>{t('sv.chart.serviceLevel')}</figcaption>
      <svg viewBox="0 0 120 72" width="100%" role="img" aria-label={`${t('sv.chart.serviceLevel')}: ${formatPct(value)}`}>
        <path d={gaugeArc(1, 60, 62, 48)} className="gauge-track" />
        {value !== null && value > 0 && <path d={gaugeArc(value, 60, 62, 48)} className={`gauge-value tone-${tone}`} />}
        {/* The 80 % target mark. */}
        <line
          x1={60 + 40 * Math.cos(Math.PI * 0.2)}
          y1={62 - 40 * Math.sin(Math.PI * 0.2)}
          x2={60 + 56 * Math.cos(Math.PI * 0.2)}
          y2={62 - 56 * Math.sin(Math.PI * 0.2)}
          className="gauge-target"
        />
        <text x="60" y="60" textAnchor="middle" className="gauge-text">
          {formatPct(value)}
        </text>
      </svg>
      <p className="chart-note muted">{t('sv.chart.target')}</p>
    </figure>
  );
};

export const WaitingSparkline = ({ samples, now, windowMs }: { samples: readonly Sample[]; now: number; windowMs: number }) => {
  const { t } = useI18n();
  const W = 300;
  const H = 70;
  const top = Math.max(4, ...samples.map((s) => s.value));
  const line = sparklinePath(samples, W, H, now - windowMs, now, top);
  return (
    <figure className="chart" data-testid="chart-waiting-history">
      <figcaption>{t('sv.chart.waitingHistory', { minutes: String(Math.round(windowMs / 60_000)) })}</figcaption>
      <svg
        viewBox={`0 0 ${W} ${H + 14}`}
        width="100%"
        role="img"
        aria-label={t('sv.chart.waitingHistory', { minutes: String(Math.round(windowMs / 60_000)) })}
      >
        <line x1="0" y1={H} x2={W} y2={H} className="axis" />
        <line x1="0" y1="0" x2={W} y2="0" className="grid" />
        <text x="2" y="10" className="chart-label">
          {top}
        </text>
        {line && <path d={sparklineArea(line, W, H)} className="spark-area" />}
        {line && <path d={line} className="spark-line" />}
        <text x="0" y={H + 12} className="chart-label">
          −{Math.round(windowMs / 60_000)} min
        </text>
        <text x={W} y={H + 12} textAnchor="end" className="chart-label">
          {t('sv.chart.now')}
        </text>
      </svg>
    </figure>
  );
};
