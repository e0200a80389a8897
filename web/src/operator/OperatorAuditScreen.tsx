/** Operator → Audit: the audit log of one chosen tenant. The choice lives in ?tenant= so it can be linked to. */
import { useCallback, useId } from 'react';
import { auditApi, tenantsApi } from '../api/endpoints.js';
import { navigate, useLocation } from '../app/router.js';
import { AuditTable } from '../audit/AuditTable.js';
import { useAuditPages } from '../audit/useAuditPages.js';
import { useI18n } from '../i18n/context.js';
import { PageHeader } from '../ui/PageHeader.js';
import { TableState } from '../ui/TableState.js';
import { useLoad } from '../ui/useLoad.js';

export const OperatorAuditScreen = () => {
  const { t } = useI18n();
  const selectId = useId();
  const { query } = useLocation();
  const tenants = useLoad(() => tenantsApi.list().then((r) => [...r.items]), []);
  const list = tenants.data ?? [];
  const asked = query.get('tenant');
  // The API needs one tenant; without a choice in the address, show the first one listed.
  const tenantId = list.find((x) => x.id === asked)?.id ?? list[0]?.id ?? null;
  const source = useCallback((before: string | null) => auditApi.listForTenant(tenantId ?? '', before), [tenantId]);
  const pages = useAuditPages(tenantId ? source : null, tenantId ?? '');

  return (
    <section className="page" data-testid="screen-operator-audit">
      <PageHeader title={t('opAudit.title')} intro={t('opAudit.intro')} />
      <div className="toolbar">
        <label htmlFor={selectId}>{t('opAudit.tenant')}</label>
        <select
          id={selectId}
          value={tenantId ?? ''}
          disabled={list.length === 0}
          data-testid="audit-tenant-filter"
          onChange={(e) => navigate(`/operator/audit?tenant=${encodeURIComponent(e.target.value)}`, { replace: true })}
        >
          {list.map((x) => (
            <option key={x.id} value={x.id}>
              {x.name} ({x.slug})
            </option>
          ))}
        </select>
      </div>
      {tenantId ? <AuditTable pages={pages} /> : <TableState loaded={tenants} empty={list.length === 0} emptyText={t('tenants.empty')} />}
    </section>
  );
};
