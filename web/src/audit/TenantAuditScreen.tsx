/** Admin → Audit log: this organisation's own record of changes. */
import { auditApi } from '../api/endpoints.js';
import { useI18n } from '../i18n/context.js';
import { PageHeader } from '../ui/PageHeader.js';
import { AuditTable } from './AuditTable.js';
import { useAuditPages } from './useAuditPages.js';

export const TenantAuditScreen = () => {
  const { t } = useI18n();
  const pages = useAuditPages(auditApi.list, 'own');
  return (
    <section className="page" data-testid="screen-audit">
      <PageHeader title={t('audit.title')} intro={t('audit.intro')} />
      <AuditTable pages={pages} />
    </section>
  );
};
