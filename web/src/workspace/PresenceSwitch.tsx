/** The agent's own state: available, not ready, on a break (with a reason) or offline; shows how long. */
import { useCallback, useState } from 'react';
import type { Presence, SettablePresence } from '../api/types.js';
import { useI18n } from '../i18n/context.js';
import { ErrorBox } from '../ui/ErrorBox.js';
import { formatDuration } from './format.js';
import { Popover } from './Popover.js';

export const BREAK_REASONS = ['lunch', 'coffee', 'meeting', 'training', 'personal'] as const;

interface Props {
  readonly presence: Presence | null;
  readonly now: number;
  readonly onChange: (state: SettablePresence, reason?: string) => Promise<void>;
}

export const PresenceSwitch = ({ presence, now, onChange }: Props) => {
  const { t, tMaybe } = useI18n();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const close = useCallback(() => setOpen(false), []);
  const state = presence?.state ?? 'offline';

  const choose = async (s: SettablePresence, reason?: string) => {
    setOpen(false);
    setBusy(true);
    setError(null);
    try {
      await onChange(s, reason);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const reason = presence?.reason ? tMaybe(`break.${presence.reason}`, presence.reason) : null;
  return (
    <div className="presence">
      <button
        type="button"
        className={`presence-button presence-${state}`}
        aria-haspopup="menu"
        aria-expanded={open}
        disabled={busy || presence === null}
        onClick={() => setOpen((o) => !o)}
        data-testid="state-switch"
        data-state={state}
      >
        <span className="presence-dot" aria-hidden="true" />
        <span data-testid="state-current">{t(`presence.${state}`)}</span>
        {reason && <span className="presence-reason">· {reason}</span>}
        {presence && presence.since > 0 && <span className="presence-since">{formatDuration(now - presence.since)}</span>}
        <span className="presence-caret" aria-hidden="true">
          ▾
        </span>
      </button>
      <Popover open={open} onClose={close} label={t('presence.change')} className="presence-menu">
        {(['available', 'not_ready'] as const).map((s) => (
          <button key={s} type="button" role="menuitem" className="menu-item" onClick={() => choose(s)} data-testid={`state-option-${s}`}>
            <span className={`presence-dot presence-${s}`} aria-hidden="true" />
            {t(`presence.${s}`)}
          </button>
        ))}
        <div className="menu-group">
          <span className="menu-label">
            <span className="presence-dot presence-break" aria-hidden="true" />
            {t('presence.break')}
          </span>
          {BREAK_REASONS.map((r) => (
            <button
              key={r}
              type="button"
              role="menuitem"
              className="menu-item menu-sub"
              onClick={() => choose('break', r)}
              data-testid={`state-break-${r}`}
            >
              {t(`break.${r}`)}
            </button>
          ))}
        </div>
        <button type="button" role="menuitem" className="menu-item" onClick={() => choose('offline')} data-testid="state-option-offline">
          <span className="presence-dot presence-offline" aria-hidden="true" />
          {t('presence.offline')}
        </button>
      </Popover>
      {error !== null && (
        <div className="presence-error">
          <ErrorBox error={error} testId="state-error" />
        </div>
      )}
    </div>
  );
};
