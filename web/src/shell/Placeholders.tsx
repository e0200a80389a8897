/** Honest placeholders: sections that later releases fill, and the pages for wrong or closed paths. */

import { Link } from '../app/router.js';
import type { ComingSoonSection } from '../app/routes.js';
import { useI18n } from '../i18n/context.js';
import { PageHeader } from '../ui/PageHeader.js';
import { NavIcon } from './NavIcon.js';

export const ComingSoon = ({ section }: { section: ComingSoonSection }) => {
  const { t } = useI18n();
  return (
    <section className="page" data-testid={`screen-${section}`}>
      <PageHeader title={t(`nav.${section}`)} />
      <div className="panel soon-panel">
        <div className="soon-icon">
          <NavIcon id={section} />
        </div>
        <div>
          <span className="badge badge-blue">{t('soon.badge')}</span>
          <p className="soon-purpose">{t(`soon.${section}`)}</p>
          <p className="soon-meanwhile">{t('soon.meanwhile')}</p>
        </div>
      </div>
    </section>
  );
};

export const NotFound = ({ home }: { home: string }) => {
  const { t } = useI18n();
  return (
    <section className="page" data-testid="screen-not-found">
      <PageHeader title={t('notFound.title')} intro={t('notFound.body')} />
      <Link to={home} className="btn btn-primary">
        {t('notFound.home')}
      </Link>
    </section>
  );
};

export const Forbidden = ({ home }: { home: string }) => {
  const { t } = useI18n();
  return (
    <section className="page" data-testid="screen-forbidden">
      <PageHeader title={t('forbidden.title')} intro={t('forbidden.body')} />
      <Link to={home} className="btn btn-primary">
        {t('notFound.home')}
      </Link>
    </section>
  );
};
