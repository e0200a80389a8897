/** Admin → Chat widgets: the chat buttons this organisation puts on its websites. */
import { useState } from 'react';
import { routingApi, widgetsApi } from '../../api/endpoints.js';
import type { ChatWidget, WidgetWithSecret } from '../../api/types.js';
import { useMe } from '../../app/session.js';
import { useI18n } from '../../i18n/context.js';
import { ErrorBox, Notice } from '../../ui/ErrorBox.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { TableState } from '../../ui/TableState.js';
import { useLoad } from '../../ui/useLoad.js';
import { useNotice } from '../../ui/useNotice.js';
import { SecretBox } from '../SecretBox.js';
import { WidgetCard } from './WidgetCard.js';
import { WidgetForm, type WidgetSaved } from './WidgetForm.js';
import '../../styles/chat-admin.css';

/** The demo page (`/demo`) embeds the demo tenant's first widget; other tenants have none. */
const DEMO_TENANT = 'demo';

type Editing = { readonly kind: 'none' } | { readonly kind: 'new' } | { readonly kind: 'edit'; readonly id: string };

export const WidgetsScreen = () => {
  const me = useMe();
  const { t } = useI18n();
  const widgets = useLoad(() => widgetsApi.list().then((r) => [...r.items]), []);
  const queues = useLoad(() => routingApi.queues().then((r) => [...r.items]), []);
  const [editing, setEditing] = useState<Editing>({ kind: 'none' });
  const [fresh, setFresh] = useState<WidgetWithSecret | null>(null);
  const notice = useNotice();
  const [actionError, setActionError] = useState<unknown>(null);
  const [busyId, setBusyId] = useState<string | null>(null);

  const replace = (w: ChatWidget) => widgets.setData((list) => (list ?? []).map((x) => (x.id === w.id ? w : x)));

  const saved = (s: WidgetSaved) => {
    setEditing({ kind: 'none' });
    setActionError(null);
    notice.clear();
    if (s.kind === 'created') {
      widgets.setData((list) => [...(list ?? []), s.result.widget]);
      setFresh(s.result);
      return;
    }
    if (s.kind === 'unchanged') return notice.show((i) => i.t('widgets.unchanged'));
    replace(s.widget);
    notice.show((i) => i.t('widgets.saved', { name: s.widget.name }));
  };

  const rotate = async (w: ChatWidget) => {
    setBusyId(w.id);
    setActionError(null);
    notice.clear();
    try {
      const r = await widgetsApi.rotateSecret(w.id);
      replace(r.widget);
      setFresh(r);
    } catch (e) {
      setActionError(e);
    } finally {
      setBusyId(null);
    }
  };

  const list = widgets.data ?? [];
  const queueList = queues.data ?? [];
  const origin = window.location.origin;
  const idle = editing.kind === 'none' && !fresh;
  return (
    <section className="page" data-testid="screen-chat-widgets">
      <PageHeader
        title={t('widgets.title')}
        intro={t('widgets.intro', { org: me.tenantName })}
        actions={
          <span className="header-actions">
            {me.tenantSlug === DEMO_TENANT && list.length > 0 && (
              <a className="btn" href="/demo" target="_blank" rel="noopener" title={t('widgets.demoHint')} data-testid="widget-demo-link">
                {t('widgets.demo')} ↗
              </a>
            )}
            {idle && queues.data !== null && (
              <button
                type="button"
                className="btn btn-primary"
                onClick={() => setEditing({ kind: 'new' })}
                data-testid="widget-create-open"
              >
                {t('widgets.new')}
              </button>
            )}
          </span>
        }
      />
      {fresh && (
        <SecretBox
          name={fresh.widget.name}
          secret={fresh.identitySecret}
          title={t('widgets.secret.title', { name: fresh.widget.name })}
          warning={t('widgets.secret.warning')}
          testIdPrefix="widget"
          onDone={() => setFresh(null)}
        />
      )}
      {editing.kind === 'new' && <WidgetForm queues={queueList} onSaved={saved} onCancel={() => setEditing({ kind: 'none' })} />}
      <Notice say={notice.say} onClose={notice.clear} />
      <ErrorBox error={actionError ?? queues.error} />
      <div className="widget-list" data-testid="widget-list">
        {list.map((w) =>
          editing.kind === 'edit' && editing.id === w.id ? (
            <WidgetForm key={w.id} widget={w} queues={queueList} onSaved={saved} onCancel={() => setEditing({ kind: 'none' })} />
          ) : (
            <WidgetCard
              key={w.id}
              widget={w}
              queues={queueList}
              origin={origin}
              busy={busyId === w.id || !idle}
              onEdit={(x) => {
                notice.clear();
                setEditing({ kind: 'edit', id: x.id });
              }}
              onRotate={rotate}
            />
          ),
        )}
      </div>
      {(list.length === 0 || widgets.error !== null) && (
        <div className="panel">
          <TableState loaded={widgets} empty={list.length === 0} emptyText={t('widgets.empty')} />
        </div>
      )}
    </section>
  );
};
