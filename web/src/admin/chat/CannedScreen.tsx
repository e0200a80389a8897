/** Admin → Canned responses: the shared replies agents insert with "/" in the workspace. */
import { useState } from 'react';
import { cannedApi } from '../../api/endpoints.js';
import type { CannedResponse } from '../../api/types.js';
import { can, useMe } from '../../app/session.js';
import { useI18n } from '../../i18n/context.js';
import { ErrorBox, Notice } from '../../ui/ErrorBox.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { TableState } from '../../ui/TableState.js';
import { useLoad } from '../../ui/useLoad.js';
import { useNotice } from '../../ui/useNotice.js';
import { CannedForm, type CannedSaved } from './CannedForm.js';
import { CannedRow } from './CannedRow.js';
import '../../styles/chat-admin.css';

type Editing = { readonly kind: 'none' } | { readonly kind: 'new' } | { readonly kind: 'edit'; readonly canned: CannedResponse };

const byShortcut = (a: CannedResponse, b: CannedResponse) => a.shortcut.localeCompare(b.shortcut);

export const CannedScreen = () => {
  const me = useMe();
  const { t } = useI18n();
  const canManage = can(me, 'chat.canned.manage');
  const canned = useLoad(() => cannedApi.list().then((r) => [...r.items].sort(byShortcut)), []);
  const [editing, setEditing] = useState<Editing>({ kind: 'none' });
  const notice = useNotice();
  const [actionError, setActionError] = useState<unknown>(null);
  const [busyId, setBusyId] = useState<string | null>(null);

  const saved = (s: CannedSaved) => {
    setEditing({ kind: 'none' });
    setActionError(null);
    const c = s.canned;
    if (s.kind === 'created') canned.setData((list) => [...(list ?? []), c].sort(byShortcut));
    if (s.kind === 'updated') canned.setData((list) => (list ?? []).map((x) => (x.id === c.id ? c : x)).sort(byShortcut));
    notice.show((i) =>
      s.kind === 'unchanged'
        ? i.t('widgets.unchanged')
        : i.t(s.kind === 'created' ? 'canned.created' : 'canned.saved', { shortcut: c.shortcut }),
    );
  };

  const remove = async (c: CannedResponse) => {
    setBusyId(c.id);
    setActionError(null);
    notice.clear();
    try {
      await cannedApi.remove(c.id);
      canned.setData((list) => (list ?? []).filter((x) => x.id !== c.id));
      notice.show((i) => i.t('canned.deleted', { shortcut: c.shortcut }));
    } catch (e) {
      setActionError(e);
    } finally {
      setBusyId(null);
    }
  };

  const startEdit = (c: CannedResponse) => {
    notice.clear();
    setEditing({ kind: 'edit', canned: c });
    // The form opens above the table; bring it into view when the row was far down.
    window.scrollTo({ top: 0 });
  };

  const list = canned.data ?? [];
  return (
    <section className="page" data-testid="screen-canned">
      <PageHeader
        title={t('canned.title')}
        intro={t('canned.intro')}
        actions={
          canManage &&
          editing.kind === 'none' && (
            <button type="button" className="btn btn-primary" onClick={() => setEditing({ kind: 'new' })} data-testid="canned-create-open">
              {t('canned.new')}
            </button>
          )
        }
      />
      {!canManage && <p className="alert alert-info">{t('canned.readOnly')}</p>}
      {editing.kind !== 'none' && (
        <CannedForm
          key={editing.kind === 'edit' ? editing.canned.id : 'new'}
          {...(editing.kind === 'edit' ? { canned: editing.canned } : {})}
          onSaved={saved}
          onCancel={() => setEditing({ kind: 'none' })}
        />
      )}
      <Notice say={notice.say} onClose={notice.clear} />
      <ErrorBox error={actionError} />
      <div className="panel table-panel">
        <table className="table canned-table" data-testid="canned-table">
          <caption className="visually-hidden">{t('canned.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('canned.shortcut')}</th>
              <th scope="col">{t('canned.titleField')}</th>
              <th scope="col">{t('canned.body')}</th>
              <th scope="col">{t('canned.col.updated')}</th>
              {canManage && <th scope="col">{t('common.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {list.map((c) => (
              <CannedRow
                key={c.id}
                canned={c}
                canManage={canManage}
                busy={busyId === c.id || editing.kind !== 'none'}
                onEdit={startEdit}
                onDelete={remove}
              />
            ))}
          </tbody>
        </table>
        <TableState loaded={canned} empty={list.length === 0} emptyText={t('canned.empty')} />
      </div>
    </section>
  );
};
