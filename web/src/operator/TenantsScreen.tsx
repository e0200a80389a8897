/** Operator → Tenants: every organisation on the platform, with create, suspend and reactivate. */
import { useState } from 'react';
import { tenantsApi } from '../api/endpoints.js';
import type { CreatedTenant, Tenant } from '../api/types.js';
import { Link } from '../app/router.js';
import { can, useMe } from '../app/session.js';
import { useI18n } from '../i18n/context.js';
import { Badge } from '../ui/Badge.js';
import { ConfirmButton } from '../ui/ConfirmButton.js';
import { ErrorBox, Notice } from '../ui/ErrorBox.js';
import { PageHeader } from '../ui/PageHeader.js';
import { TableState } from '../ui/TableState.js';
import { useLoad } from '../ui/useLoad.js';
import { useNotice } from '../ui/useNotice.js';
import { TenantCreateForm } from './TenantCreateForm.js';

export const TenantsScreen = () => {
  const me = useMe();
  const { t, formatDateTime } = useI18n();
  const canManage = can(me, 'operator.tenants.manage');
  const tenants = useLoad(() => tenantsApi.list().then((r) => [...r.items]), []);
  const [creating, setCreating] = useState(false);
  const notice = useNotice();
  const [actionError, setActionError] = useState<unknown>(null);
  const [busyId, setBusyId] = useState<string | null>(null);

  const setStatus = async (tenant: Tenant, status: Tenant['status']) => {
    setBusyId(tenant.id);
    setActionError(null);
    notice.clear();
    try {
      const updated = await tenantsApi.update(tenant.id, { status });
      tenants.setData((list) => (list ?? []).map((x) => (x.id === updated.id ? updated : x)));
      const key = status === 'suspended' ? 'tenants.suspendedMsg' : 'tenants.reactivatedMsg';
      notice.show((i) => i.t(key, { name: updated.name }));
    } catch (e) {
      setActionError(e);
    } finally {
      setBusyId(null);
    }
  };

  const created = ({ tenant, admin }: CreatedTenant) => {
    tenants.setData((list) => [...(list ?? []), tenant]);
    setCreating(false);
    notice.show((i) => i.t('tenants.created', { name: tenant.name, email: admin.email }));
  };

  const list = tenants.data ?? [];
  return (
    <section className="page" data-testid="screen-tenants">
      <PageHeader
        title={t('tenants.title')}
        intro={t('tenants.intro')}
        actions={
          canManage &&
          !creating && (
            <button type="button" className="btn btn-primary" onClick={() => setCreating(true)} data-testid="tenant-create-open">
              {t('tenants.new')}
            </button>
          )
        }
      />
      {creating && <TenantCreateForm onCreated={created} onCancel={() => setCreating(false)} />}
      <Notice say={notice.say} onClose={notice.clear} />
      <ErrorBox error={actionError} />
      <div className="panel table-panel">
        <table className="table" data-testid="tenant-table">
          <caption className="visually-hidden">{t('tenants.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('tenants.name')}</th>
              <th scope="col">{t('tenants.slug')}</th>
              <th scope="col">{t('common.status')}</th>
              <th scope="col">{t('common.created')}</th>
              <th scope="col">{t('common.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((x) => (
              <tr key={x.id} data-testid={`tenant-row-${x.slug}`} className={x.status === 'suspended' ? 'is-dimmed' : undefined}>
                <td className="cell-strong">{x.name}</td>
                <td className="cell-mono">{x.slug}</td>
                <td>
                  <Badge tone={x.status === 'active' ? 'green' : 'amber'}>{t(`status.${x.status}`)}</Badge>
                </td>
                <td className="cell-nowrap">{formatDateTime(x.createdAt)}</td>
                <td className="cell-actions">
                  {canManage &&
                    x.id !== me.tenantId &&
                    (x.status === 'active' ? (
                      <ConfirmButton
                        label={t('tenants.suspend')}
                        ariaLabel={`${t('tenants.suspend')} ${x.name}`}
                        busy={busyId === x.id}
                        testId={`tenant-suspend-${x.slug}`}
                        onConfirm={() => void setStatus(x, 'suspended')}
                      />
                    ) : (
                      <button
                        type="button"
                        className="btn btn-small"
                        disabled={busyId === x.id}
                        data-testid={`tenant-reactivate-${x.slug}`}
                        onClick={() => void setStatus(x, 'active')}
                      >
                        {t('tenants.reactivate')}
                      </button>
                    ))}
                  <Link to={`/operator/audit?tenant=${encodeURIComponent(x.id)}`} className="btn btn-small btn-ghost">
                    {t('tenants.viewAudit')}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <TableState loaded={tenants} empty={list.length === 0} emptyText={t('tenants.empty')} />
      </div>
    </section>
  );
};
