/** Admin → API keys: keys other systems use to call the API, their rights and their use. */
import { useState } from 'react';
import { apiKeysApi } from '../api/endpoints.js';
import type { ApiKey, CreatedApiKey } from '../api/types.js';
import { can, useMe } from '../app/session.js';
import { useI18n } from '../i18n/context.js';
import { ErrorBox, Notice } from '../ui/ErrorBox.js';
import { PageHeader } from '../ui/PageHeader.js';
import { TableState } from '../ui/TableState.js';
import { useLoad } from '../ui/useLoad.js';
import { useNotice } from '../ui/useNotice.js';
import { ApiKeyCreateForm } from './ApiKeyCreateForm.js';
import { ApiKeyRow } from './ApiKeyRow.js';
import { SecretBox } from './SecretBox.js';

export const ApiKeysScreen = () => {
  const me = useMe();
  const { t } = useI18n();
  const canManage = can(me, 'apikeys.manage');
  const keys = useLoad(() => apiKeysApi.list().then((r) => [...r.items]), []);
  const [creating, setCreating] = useState(false);
  const [fresh, setFresh] = useState<CreatedApiKey | null>(null);
  const notice = useNotice();
  const [actionError, setActionError] = useState<unknown>(null);
  const [busyId, setBusyId] = useState<string | null>(null);

  const created = (c: CreatedApiKey) => {
    keys.setData((list) => [c.apiKey, ...(list ?? [])]);
    setCreating(false);
    notice.clear();
    setFresh(c);
  };

  const revoke = async (k: ApiKey) => {
    setBusyId(k.id);
    setActionError(null);
    notice.clear();
    try {
      await apiKeysApi.revoke(k.id);
      // The DELETE answers 204 without a body; mark the row locally rather than reload the list.
      keys.setData((list) => (list ?? []).map((x) => (x.id === k.id ? { ...x, revokedAt: Date.now() } : x)));
      notice.show((i) => i.t('keys.revokedMsg', { name: k.name }));
    } catch (e) {
      setActionError(e);
    } finally {
      setBusyId(null);
    }
  };

  const list = keys.data ?? [];
  return (
    <section className="page" data-testid="screen-apikeys">
      <PageHeader
        title={t('keys.title')}
        intro={t('keys.intro', { org: me.tenantName })}
        actions={
          canManage &&
          !creating &&
          !fresh && (
            <button type="button" className="btn btn-primary" onClick={() => setCreating(true)} data-testid="apikey-create-open">
              {t('keys.new')}
            </button>
          )
        }
      />
      {creating && <ApiKeyCreateForm held={me.permissions} onCreated={created} onCancel={() => setCreating(false)} />}
      {fresh && <SecretBox name={fresh.apiKey.name} secret={fresh.secret} onDone={() => setFresh(null)} />}
      <Notice say={notice.say} onClose={notice.clear} />
      <ErrorBox error={actionError} />
      <div className="panel table-panel">
        <table className="table" data-testid="apikey-table">
          <caption className="visually-hidden">{t('keys.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('keys.name')}</th>
              <th scope="col">{t('keys.permissions')}</th>
              <th scope="col">{t('common.created')}</th>
              <th scope="col">{t('keys.col.lastUsed')}</th>
              <th scope="col">{t('keys.col.revoked')}</th>
              {canManage && <th scope="col">{t('common.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {list.map((k) => (
              <ApiKeyRow key={k.id} apiKey={k} canManage={canManage} busy={busyId === k.id} onRevoke={revoke} />
            ))}
          </tbody>
        </table>
        <TableState loaded={keys} empty={list.length === 0} emptyText={t('keys.empty')} />
      </div>
    </section>
  );
};
