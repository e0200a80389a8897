/**
 * Transfer (agent) or reassign (supervisor) a conversation: to a queue, or to one agent, with a note
 * for whoever picks it up. Exactly one target is sent, as the API requires.
 */
import { type FormEvent, useId, useState } from 'react';
import type { TransferTarget } from '../api/endpoints.js';
import type { PresenceState, Queue } from '../api/types.js';
import { useI18n } from '../i18n/context.js';
import { Dialog } from '../ui/Dialog.js';
import { ErrorBox } from '../ui/ErrorBox.js';
import { DialogActions } from '../ui/Field.js';
import { useSubmit } from '../ui/useSubmit.js';

export interface AgentChoice {
  readonly id: string;
  readonly name: string;
  readonly state: PresenceState | null;
}

interface Props {
  readonly title: string;
  readonly queues: readonly Queue[];
  /** null when this user may not list agents: only queues are offered. */
  readonly agents: readonly AgentChoice[] | null;
  readonly excludeAgentId: string | null;
  readonly currentQueueId: string | null;
  readonly onSubmit: (target: TransferTarget, note: string) => Promise<void>;
  readonly onClose: () => void;
  /** `transfer` in the workspace, `reassign` in the supervisor view. */
  readonly testPrefix: 'transfer' | 'reassign';
}

export const TransferDialog = ({ title, queues, agents, excludeAgentId, currentQueueId, onSubmit, onClose, testPrefix }: Props) => {
  const { t } = useI18n();
  const id = useId();
  const choices = (agents ?? []).filter((a) => a.id !== excludeAgentId);
  const [kind, setKind] = useState<'queue' | 'agent'>('queue');
  const [queueId, setQueueId] = useState(() => queues.find((q) => q.id !== currentQueueId)?.id ?? queues[0]?.id ?? '');
  const [agentId, setAgentId] = useState(() => choices.find((a) => a.state === 'available')?.id ?? choices[0]?.id ?? '');
  const [note, setNote] = useState('');
  const submit = useSubmit();

  const go = (e: FormEvent) => {
    e.preventDefault();
    const target: TransferTarget = kind === 'queue' ? { queueId } : { agentId };
    void submit.run(() => onSubmit(target, note));
  };

  const p = testPrefix;
  return (
    <Dialog title={title} onClose={onClose} testId={`${p}-dialog`}>
      <form onSubmit={go}>
        <fieldset className="field segmented-field">
          <legend>{t('ws.transfer.to')}</legend>
          <div className="segmented">
            <label className={kind === 'queue' ? 'is-on' : ''}>
              <input
                type="radio"
                name={`${id}-kind`}
                checked={kind === 'queue'}
                onChange={() => setKind('queue')}
                data-testid={`${p}-kind-queue`}
              />
              {t('ws.transfer.queue')}
            </label>
            <label className={kind === 'agent' ? 'is-on' : ''}>
              <input
                type="radio"
                name={`${id}-kind`}
                checked={kind === 'agent'}
                disabled={agents === null}
                onChange={() => setKind('agent')}
                data-testid={`${p}-kind-agent`}
              />
              {t('ws.transfer.agent')}
            </label>
          </div>
          {agents === null && <p className="field-hint">{t('ws.transfer.noAgentList')}</p>}
        </fieldset>
        {kind === 'queue' ? (
          <div className="field">
            <label htmlFor={`${id}-queue`}>{t('ws.transfer.queue')}</label>
            <select id={`${id}-queue`} value={queueId} onChange={(e) => setQueueId(e.target.value)} required data-testid={`${p}-queue`}>
              {queues.map((q) => (
                <option key={q.id} value={q.id}>
                  {q.name}
                  {q.id === currentQueueId ? ` (${t('ws.transfer.current')})` : ''}
                </option>
              ))}
            </select>
          </div>
        ) : (
          <div className="field">
            <label htmlFor={`${id}-agent`}>{t('ws.transfer.agent')}</label>
            <select id={`${id}-agent`} value={agentId} onChange={(e) => setAgentId(e.target.value)} required data-testid={`${p}-agent`}>
              {choices.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                  {a.state ? ` · ${t(`presence.${a.state}`)}` : ''}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor={`${id}-note`}>
            {t('ws.transfer.note')} <span className="field-optional">({t('common.optional')})</span>
          </label>
          <textarea
            id={`${id}-note`}
            className="textarea"
            rows={3}
            maxLength={1000}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            placeholder={t('ws.transfer.notePlaceholder')}
            data-testid={`${p}-note`}
          />
        </div>
        <ErrorBox error={submit.error} testId={`${p}-error`} />
        <DialogActions
          label={p === 'transfer' ? t('ws.transfer.submit') : t('sv.reassign.submit')}
          disabled={submit.busy || (kind === 'queue' ? !queueId : !agentId)}
          testId={`${p}-submit`}
          onCancel={onClose}
        />
      </form>
    </Dialog>
  );
};
