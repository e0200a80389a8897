/** The top bar: product, organisation, who is signed in, language and log-out. */
import { useState } from 'react';
import type { Me } from '../api/types.js';
import { Link } from '../app/router.js';
import { useSession } from '../app/session.js';
import { useI18n } from '../i18n/context.js';
import { LanguageSwitch } from '../ui/LanguageSwitch.js';
import { BrandMark } from './BrandMark.js';

export const TopBar = ({ me }: { me: Me }) => {
  const { t, tMaybe } = useI18n();
  const { logout } = useSession();
  const [leaving, setLeaving] = useState(false);
  const role = tMaybe(`role.${me.role}`, me.role);

  return (
    <header className="topbar">
      <div className="topbar-brand">
        <BrandMark />
        <span className="topbar-product">{t('app.name')}</span>
        <span className="topbar-divider" aria-hidden="true" />
        <span className="topbar-tenant" data-testid="tenant-name" title={me.tenantSlug}>
          {me.tenantName}
        </span>
      </div>
      <div className="topbar-tools">
        <LanguageSwitch className="lang-switch-dark" />
        <Link
          to="/account"
          className="topbar-user"
          aria-label={t('top.userMenu', { name: me.displayName, role })}
          data-testid="current-user"
        >
          <span className="avatar" aria-hidden="true">
            {Array.from(me.displayName.trim())[0]?.toUpperCase() ?? '?'}
          </span>
          <span className="topbar-user-text">
            <span className="topbar-user-name">{me.displayName}</span>
            <span className="topbar-user-role">{role}</span>
          </span>
        </Link>
        <button
          type="button"
          className="btn btn-small btn-topbar"
          data-testid="logout"
          disabled={leaving}
          onClick={() => {
            setLeaving(true);
            void logout();
          }}
        >
          {t('top.logout')}
        </button>
      </div>
    </header>
  );
};
