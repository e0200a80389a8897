/**
 * The supervisor's live view: KPI tiles, charts, queues with their tiers, agents and conversations
 * in progress, updated over the WebSocket within a second of every change. From here a supervisor
 * sets an agent's state, reassigns a conversation, and monitors one with whispers to its agent.
 */
import '../styles/supervisor.css';
import { useMemo, useState } from 'react';
import type { AgentStats, Contact } from '../api/types.js';
import { useMe } from '../app/session.js';
import { useI18n } from '../i18n/context.js';
import { ErrorBox } from '../ui/ErrorBox.js';
import { PageHeader } from '../ui/PageHeader.js';
import { ConnectionPill } from '../workspace/ConnectionPill.js';
import { TransferDialog } from '../workspace/TransferDialog.js';
import { useNow } from '../workspace/useNow.js';
import { AgentStateDialog } from './AgentStateDialog.js';
import { AgentTable } from './AgentTable.js';
import { ServiceLevelGauge, WaitingBars, WaitingSparkline } from './Charts.js';
import { HISTORY } from './history.js';
import { KpiTiles } from './KpiTiles.js';
import { LiveContacts, useCustomerNames } from './LiveContacts.js';
import { MonitorPanel } from './MonitorPanel.js';
import { totals } from './model.js';
import { QueueTable } from './QueueTable.js';
import { useSupervisor } from './useSupervisor.js';

export const SupervisorScreen = () => {
  const me = useMe();
  const { t, lang } = useI18n();
  const clock = useMemo(() => new Intl.DateTimeFormat(lang, { timeStyle: 'medium' }), [lang]);
  const sv = useSupervisor(me);
  const now = useNow(1000);
  const [stateFor, setStateFor] = useState<AgentStats | null>(null);
  const [reassigning, setReassigning] = useState<Contact | null>(null);
  const { stats } = sv;

  const customerIds = [...new Set((sv.contacts ?? []).slice(0, 100).map((c) => c.customerId))].filter((x): x is string => x !== null);
  const names = useCustomerNames(customerIds);
  const monitored = sv.contacts?.find((c) => c.id === sv.monitor.contactId) ?? null;
  const agentName = (id: string | null | undefined) => (id ? (stats?.agents.find((a) => a.id === id)?.name ?? id) : '');

  return (
    <section className={`page page-full sv${sv.monitor.contactId ? ' has-monitor' : ''}`} data-testid="screen-supervisor">
      <PageHeader
        title={t('nav.supervisor')}
        intro={t('sv.intro')}
        actions={
          <span className="sv-live">
            <ConnectionPill status={sv.connection} />
            {stats && stats.at > 0 && <span className="muted sv-updated">{t('sv.updated', { at: clock.format(new Date(stats.at)) })}</span>}
          </span>
        }
      />
      <ErrorBox error={sv.error} onRetry={sv.reload} testId="supervisor-error" />
      {!stats ? (
        !sv.error && (
          <p className="muted" role="status">
            {t('app.loading')}
          </p>
        )
      ) : (
        <div className="sv-main">
          <KpiTiles stats={stats} now={now} />
          <div className="sv-charts panel">
            <WaitingBars items={stats.queues.map((q) => ({ label: q.name, value: q.waiting }))} />
            <ServiceLevelGauge value={totals(stats).serviceLevel} />
            <WaitingSparkline samples={sv.history} now={now} windowMs={HISTORY.windowMs} />
          </div>
          <div className="sv-grid">
            <QueueTable stats={stats} now={now} />
            <AgentTable agents={stats.agents} now={now} onSetState={setStateFor} />
          </div>
          <ErrorBox error={sv.contactsError} testId="contacts-error" />
          <LiveContacts
            contacts={sv.contacts ?? []}
            queues={stats.queues}
            agents={stats.agents}
            now={now}
            monitoring={sv.monitor.contactId}
            names={names}
            onMonitor={(c) => sv.openMonitor(c.id)}
            onReassign={setReassigning}
          />
        </div>
      )}
      <MonitorPanel
        monitor={sv.monitor}
        contact={monitored}
        customerName={(monitored?.customerId && names[monitored.customerId]) || t('ws.visitor')}
        agentName={agentName(monitored?.agentId)}
        now={now}
        onWhisper={sv.whisper}
        onClose={sv.closeMonitor}
      />
      {stateFor && (
        <AgentStateDialog
          agent={stateFor}
          onClose={() => setStateFor(null)}
          onSubmit={async (s, reason) => {
            await sv.setAgentState(stateFor.id, s, reason);
            setStateFor(null);
          }}
        />
      )}
      {reassigning && stats && (
        <TransferDialog
          title={t('sv.reassign.title')}
          queues={stats.queues.map((q) => ({ id: q.id, name: q.name }))}
          agents={stats.agents.map((a) => ({ id: a.id, name: a.name, state: a.state }))}
          excludeAgentId={reassigning.agentId}
          currentQueueId={reassigning.queueId}
          testPrefix="reassign"
          onClose={() => setReassigning(null)}
          onSubmit={async (target, note) => {
            await sv.reassign(reassigning.id, target, note);
            setReassigning(null);
          }}
        />
      )}
    </section>
  );
};
