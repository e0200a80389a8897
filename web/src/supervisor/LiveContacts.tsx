/** Conversations in progress: waiting, offered, being handled or in wrap-up, with monitor and reassign. */
import { useEffect, useRef, useState } from 'react';
import { customersApi } from '../api/endpoints.js';
import type { AgentStats, Contact, QueueStats } from '../api/types.js';
import { useI18n } from '../i18n/context.js';
import { Badge, type Tone } from '../ui/Badge.js';
import { formatDuration } from '../workspace/format.js';
import { Icon } from '../workspace/Icon.js';

const STATE_TONE: Readonly<Record<string, Tone>> = { queued: 'amber', offered: 'blue', assigned: 'green', wrap_up: 'grey' };

/** Display names of the customers on screen, each asked for once. */
export const useCustomerNames = (ids: readonly string[]): Readonly<Record<string, string>> => {
  const [names, setNames] = useState<Readonly<Record<string, string>>>({});
  const asked = useRef(new Set<string>());
  const key = ids.join(' ');
  useEffect(() => {
    for (const id of key ? key.split(' ') : []) {
      if (asked.current.has(id)) continue;
      asked.current.add(id);
      customersApi.get(id).then(
        (c) => setNames((n) => ({ ...n, [id]: c.displayName })),
        () => undefined,
      );
    }
  }, [key]);
  return names;
};

interface Props {
  readonly contacts: readonly Contact[];
  readonly queues: readonly QueueStats[];
  readonly agents: readonly AgentStats[];
  readonly now: number;
  readonly monitoring: string | null;
  readonly names: Readonly<Record<string, string>>;
  readonly onMonitor: (c: Contact) => void;
  readonly onReassign: (c: Contact) => void;
}

export const LiveContacts = ({ contacts, queues, agents, now, monitoring, names, onMonitor, onReassign }: Props) => {
  const { t, tMaybe } = useI18n();
  const shown = contacts.slice(0, 100);
  const queueName = (id: string | null) => queues.find((q) => q.id === id)?.name ?? '—';
  const agentName = (id: string | null) => (id ? (agents.find((a) => a.id === id)?.name ?? id) : '—');
  return (
    <div className="panel table-panel">
      <table className="table sv-table" data-testid="contact-table">
        <caption className="table-caption">{t('sv.contacts.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('sv.contacts.customer')}</th>
            <th scope="col">{t('sv.contacts.queue')}</th>
            <th scope="col">{t('sv.contacts.state')}</th>
            <th scope="col">{t('sv.contacts.agent')}</th>
            <th scope="col" className="num">
              {t('sv.contacts.for')}
            </th>
            <th scope="col">{t('common.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((c) => (
            <tr key={c.id} data-testid={`contact-row-${c.id}`} className={monitoring === c.id ? 'is-open' : undefined}>
              <th scope="row" className="cell-name">
                <span className="cell-strong">{(c.customerId && names[c.customerId]) || t('ws.visitor')}</span>
                <span className="cell-sub">
                  {tMaybe(`channel.${c.channel}`, c.channel)} ·{' '}
                  <span className={`tier-chip tier-${c.tier}`}>{tMaybe(`tier.${c.tier}`, c.tier)}</span>
                </span>
              </th>
              <td>{queueName(c.queueId)}</td>
              <td>
                <Badge tone={STATE_TONE[c.state] ?? 'grey'}>{tMaybe(`contactState.${c.state}`, c.state)}</Badge>
              </td>
              <td>{agentName(c.agentId)}</td>
              <td className="num cell-mono">{formatDuration(now - c.stateChangedAt)}</td>
              <td className="cell-actions">
                <button type="button" className="btn btn-small" onClick={() => onMonitor(c)} data-testid={`contact-monitor-${c.id}`}>
                  <Icon name="eye" /> {t('sv.contacts.monitor')}
                </button>
                {c.state === 'assigned' && (
                  <button type="button" className="btn btn-small" onClick={() => onReassign(c)} data-testid={`contact-reassign-${c.id}`}>
                    <Icon name="swap" /> {t('sv.contacts.reassign')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {contacts.length === 0 && <p className="table-state muted">{t('sv.contacts.empty')}</p>}
    </div>
  );
};
