/**
 * Who the agent is talking to: the customer's tier, tags and identities, and every earlier contact
 * on any channel, each of which opens to its messages. Anonymous visitors get the same panel with
 * what little is known.
 */
import { useState } from 'react';
import { contactsApi, customersApi } from '../api/endpoints.js';
import type { Contact, CustomerSummary, StoredMessage } from '../api/types.js';
import { useI18n } from '../i18n/context.js';
import { ErrorBox } from '../ui/ErrorBox.js';
import { useLoad } from '../ui/useLoad.js';
import { initialsOf } from './format.js';

interface Props {
  readonly contact: Contact;
  readonly summary: CustomerSummary | null;
  readonly queueName: (id: string | null) => string | null;
}

const HistoryMessages = ({ contactId }: { contactId: string }) => {
  const { t } = useI18n();
  const loaded = useLoad(() => contactsApi.messages(contactId).then((r) => r.items), [contactId]);
  if (loaded.error) return <ErrorBox error={loaded.error} onRetry={loaded.reload} />;
  if (!loaded.data) return <p className="muted history-loading">{t('app.loading')}</p>;
  if (loaded.data.length === 0) return <p className="muted history-loading">{t('ws.customer.noMessages')}</p>;
  return (
    <ol className="history-messages">
      {loaded.data.map((m: StoredMessage) => (
        <li
          key={m.seq}
          className={`history-msg history-${m.visibility === 'internal' ? 'note' : m.author.kind === 'customer' ? 'customer' : 'agent'}`}
        >
          <span className="history-author">
            {m.visibility === 'internal'
              ? t('ws.msg.noteShort')
              : m.author.kind === 'customer'
                ? t('ws.customer.them')
                : t('ws.customer.us')}
          </span>
          <span className="history-body">{m.body}</span>
        </li>
      ))}
    </ol>
  );
};

export const CustomerPanel = ({ contact, summary, queueName }: Props) => {
  const { t, tMaybe, formatDateTime, formatDate } = useI18n();
  const id = contact.customerId;
  const customer = useLoad(() => (id ? customersApi.get(id) : Promise.resolve(null)), [id]);
  const history = useLoad(
    () => (id ? contactsApi.list({ customerId: id, limit: 50 }).then((p) => [...p.items]) : Promise.resolve([] as Contact[])),
    [id, contact.state],
  );
  const [open, setOpen] = useState<string | null>(null);

  const c = customer.data;
  const name = c?.displayName || summary?.displayName || t('ws.visitor');
  const tier = c?.tier ?? summary?.tier ?? contact.tier;
  const tags = c?.tags ?? summary?.tags ?? [];
  const earlier = (history.data ?? []).filter((h) => h.id !== contact.id).sort((a, b) => b.createdAt - a.createdAt);

  return (
    <aside className="customer-panel" data-testid="customer-panel" aria-label={t('ws.customer.title')}>
      <div className="customer-head">
        <span className="avatar avatar-large" aria-hidden="true">
          {initialsOf(name)}
        </span>
        <div>
          <h2 className="customer-name">{name}</h2>
          <span className={`tier-chip tier-${tier}`} data-testid="customer-tier">
            {tMaybe(`tier.${tier}`, tier)}
          </span>
        </div>
      </div>
      <ErrorBox error={customer.error} onRetry={customer.reload} />

      <section className="panel-section">
        <h3>{t('ws.customer.tags')}</h3>
        {tags.length > 0 ? (
          <ul className="chip-list" data-testid="customer-tags">
            {tags.map((tag) => (
              <li key={tag} className="chip">
                {tag}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted" data-testid="customer-tags">
            {t('ws.customer.noTags')}
          </p>
        )}
      </section>

      <section className="panel-section">
        <h3>{t('ws.customer.identities')}</h3>
        <dl className="identity-list" data-testid="customer-identities">
          {(c?.identities ?? []).map((i) => (
            <div key={`${i.kind}:${i.value}`} className="identity">
              <dt>{tMaybe(`identity.${i.kind}`, i.kind)}</dt>
              <dd title={i.value}>{i.value}</dd>
            </div>
          ))}
        </dl>
        {c && c.identities.length === 0 && <p className="muted">{t('ws.customer.noIdentities')}</p>}
        {!id && <p className="muted">{t('ws.customer.anonymous')}</p>}
      </section>

      <section className="panel-section">
        <h3>{t('ws.customer.thisContact')}</h3>
        <dl className="facts facts-compact">
          <dt>{t('ws.customer.channel')}</dt>
          <dd>{tMaybe(`channel.${contact.channel}`, contact.channel)}</dd>
          {queueName(contact.queueId) && (
            <>
              <dt>{t('ws.customer.queue')}</dt>
              <dd>{queueName(contact.queueId)}</dd>
            </>
          )}
          {contact.subject && (
            <>
              <dt>{t('ws.customer.subject')}</dt>
              <dd>{contact.subject}</dd>
            </>
          )}
          <dt>{t('ws.customer.started')}</dt>
          <dd>{formatDateTime(contact.createdAt)}</dd>
        </dl>
      </section>

      <section className="panel-section">
        <h3>
          {t('ws.customer.history')} {history.data && <span className="muted">({earlier.length})</span>}
        </h3>
        <ErrorBox error={history.error} onRetry={history.reload} />
        {history.data && earlier.length === 0 && <p className="muted">{t('ws.customer.firstContact')}</p>}
        <ul className="history-list" data-testid="customer-history">
          {earlier.map((h) => (
            <li key={h.id} className="history-item" data-testid={`history-item-${h.id}`}>
              <button
                type="button"
                className="history-head"
                aria-expanded={open === h.id}
                onClick={() => setOpen((o) => (o === h.id ? null : h.id))}
              >
                <span className="history-channel">{tMaybe(`channel.${h.channel}`, h.channel)}</span>
                <span className="history-date">{formatDate(h.createdAt)}</span>
                <span className="history-state">{tMaybe(`contactState.${h.state}`, h.state)}</span>
                {h.disposition && (
                  <span className="history-disposition">
                    {tMaybe(`class.${h.disposition.contactClass}`, h.disposition.contactClass)} · {h.disposition.reason}
                    {h.disposition.product ? ` · ${h.disposition.product}` : ''}
                  </span>
                )}
                {h.subject && <span className="history-subject">{h.subject}</span>}
              </button>
              {open === h.id && <HistoryMessages contactId={h.id} />}
            </li>
          ))}
        </ul>
      </section>
    </aside>
  );
};
