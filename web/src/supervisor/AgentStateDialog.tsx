/** A supervisor sets an agent's state; a break needs a reason, as for the agent themself. */
import { type FormEvent, useId, useState } from 'react';
import type { AgentStats, SettablePresence } from '../api/types.js';
import { useI18n } from '../i18n/context.js';
import { Dialog } from '../ui/Dialog.js';
import { ErrorBox } from '../ui/ErrorBox.js';
import { DialogActions } from '../ui/Field.js';
import { useSubmit } from '../ui/useSubmit.js';
import { BREAK_REASONS } from '../workspace/PresenceSwitch.js';

const STATES: readonly SettablePresence[] = ['available', 'not_ready', 'break', 'offline'];

interface Props {
  readonly agent: AgentStats;
  readonly onSubmit: (state: SettablePresence, reason?: string) => Promise<void>;
  readonly onClose: () => void;
}

export const AgentStateDialog = ({ agent, onSubmit, onClose }: Props) => {
  const { t } = useI18n();
  const id = useId();
  const [state, setState] = useState<SettablePresence>(agent.state === 'available' ? 'not_ready' : 'available');
  const [reason, setReason] = useState<string>(BREAK_REASONS[0]);
  const submit = useSubmit();

  const go = (e: FormEvent) => {
    e.preventDefault();
    void submit.run(() => onSubmit(state, state === 'break' ? reason : undefined));
  };

  return (
    <Dialog title={t('sv.agentState.title', { name: agent.name })} onClose={onClose} testId="agent-state-dialog">
      <form onSubmit={go}>
        <p className="muted">{t('sv.agentState.now', { state: t(`presence.${agent.state}`) })}</p>
        <div className="field">
          <label htmlFor={`${id}-state`}>{t('sv.agentState.new')}</label>
          <select
            id={`${id}-state`}
            value={state}
            onChange={(e) => setState(e.target.value as SettablePresence)}
            data-testid="agent-state-select"
          >
            {STATES.map((s) => (
              <option key={s} value={s}>
                {t(`presence.${s}`)}
              </option>
            ))}
          </select>
        </div>
        {state === 'break' && (
          <div className="field">
            <label htmlFor={`${id}-reason`}>{t('sv.agentState.reason')}</label>
            <select id={`${id}-reason`} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="agent-state-reason">
              {BREAK_REASONS.map((r) => (
                <option key={r} value={r}>
                  {t(`break.${r}`)}
                </option>
              ))}
            </select>
          </div>
        )}
        <ErrorBox error={submit.error} testId="agent-state-error" />
        <DialogActions label={t('sv.agentState.submit')} disabled={submit.busy} testId="agent-state-submit" onCancel={onClose} />
      </form>
    </Dialog>
  );
};
