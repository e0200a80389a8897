/**
 * An offered conversation: who, from which queue and tier, and how long is left to answer it. The
 * countdown ring empties as the offer's time runs out; Alt+A accepts and Alt+R rejects the first one.
 */
import { useState } from 'react';
import type { CustomerSummary, Offer } from '../api/types.js';
import { useI18n } from '../i18n/context.js';
import { ErrorBox } from '../ui/ErrorBox.js';
import { secondsLeft } from './format.js';

interface Props {
  readonly offer: Offer;
  readonly customer: CustomerSummary | null;
  readonly queueName: string | null;
  readonly now: number;
  readonly first: boolean;
  readonly onAccept: (id: string) => Promise<void>;
  readonly onReject: (id: string) => Promise<void>;
}

const R = 18;
const CIRCUMFERENCE = 2 * Math.PI * R;

export const OfferCard = ({ offer, customer, queueName, now, first, onAccept, onReject }: Props) => {
  const { t, tMaybe } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const left = secondsLeft(offer.expiresAt, now);
  const total = Math.max(1, Math.round((offer.expiresAt - (offer.offeredAt ?? offer.expiresAt - 30_000)) / 1000));
  const fraction = Math.min(1, left / total);
  const urgent = left <= 10;

  const act = async (fn: (id: string) => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await fn(offer.id);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  const name = customer?.displayName || t('ws.visitor');
  return (
    <article
      className={`offer-card${urgent ? ' is-urgent' : ''}`}
      data-testid="offer-card"
      data-contact-id={offer.id}
      aria-label={t('ws.offer.aria', { name, seconds: String(left) })}
    >
      <div className="offer-countdown" data-testid="offer-countdown" data-seconds={left}>
        <svg viewBox="0 0 44 44" width="44" height="44" aria-hidden="true">
          <circle cx="22" cy="22" r={R} className="ring-track" />
          <circle
            cx="22"
            cy="22"
            r={R}
            className="ring-value"
            strokeDasharray={CIRCUMFERENCE}
            strokeDashoffset={CIRCUMFERENCE * (1 - fraction)}
            transform="rotate(-90 22 22)"
          />
        </svg>
        <span className="offer-seconds">{left}</span>
      </div>
      <div className="offer-body">
        <p className="offer-title">
          {t('ws.offer.title', { channel: tMaybe(`channel.${offer.channel}`, offer.channel) })}
          {offer.tier && <span className={`tier-chip tier-${offer.tier}`}>{tMaybe(`tier.${offer.tier}`, offer.tier)}</span>}
        </p>
        <p className="offer-who">{name}</p>
        <p className="offer-meta">
          {queueName && <span>{queueName}</span>}
          {offer.subject && <span className="offer-subject">{offer.subject}</span>}
        </p>
        <ErrorBox error={error} testId="offer-error" />
      </div>
      <div className="offer-actions">
        <button
          type="button"
          className="btn btn-primary"
          disabled={busy || left === 0}
          onClick={() => act(onAccept)}
          data-testid="offer-accept"
          aria-keyshortcuts={first ? 'Alt+A' : undefined}
        >
          {t('ws.offer.accept')}
          {first && <kbd className="kbd-hint">Alt A</kbd>}
        </button>
        <button
          type="button"
          className="btn btn-ghost"
          disabled={busy || left === 0}
          onClick={() => act(onReject)}
          data-testid="offer-reject"
          aria-keyshortcuts={first ? 'Alt+R' : undefined}
        >
          {t('ws.offer.reject')}
          {first && <kbd className="kbd-hint">Alt R</kbd>}
        </button>
      </div>
    </article>
  );
};
