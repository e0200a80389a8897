/** The signed-in frame: top bar, navigation and the current screen. */
import type { ReactNode } from 'react';
import type { Me } from '../api/types.js';
import { useI18n } from '../i18n/context.js';
import { SideNav } from './SideNav.js';
import { TopBar } from './TopBar.js';

export const Shell = ({ me, children }: { me: Me; children: ReactNode }) => {
  const { t } = useI18n();
  return (
    <div className="shell">
      <a href="#main" className="skip-link">
        {t('app.skipToContent')}
      </a>
      <TopBar me={me} />
      <div className="shell-body">
        <SideNav me={me} />
        <main id="main" className="shell-main">
          {children}
        </main>
      </div>
    </div>
  );
};
