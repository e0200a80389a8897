/** The top of the app: language and session providers, then either log-in or the shell with a screen. */
import { useEffect } from 'react';
import { AccountScreen } from '../account/AccountScreen.js';
import { ApiKeysScreen } from '../admin/ApiKeysScreen.js';
import { CannedScreen } from '../admin/chat/CannedScreen.js';
import { WidgetsScreen } from '../admin/chat/WidgetsScreen.js';
import { UsersScreen } from '../admin/UsersScreen.js';
import type { Me } from '../api/types.js';
import { TenantAuditScreen } from '../audit/TenantAuditScreen.js';
import { I18nProvider, useI18n } from '../i18n/context.js';
import { LoginScreen } from '../login/LoginScreen.js';
import { OperatorAuditScreen } from '../operator/OperatorAuditScreen.js';
import { TenantsScreen } from '../operator/TenantsScreen.js';
import { ComingSoon, Forbidden, NotFound } from '../shell/Placeholders.js';
import { Shell } from '../shell/Shell.js';
import { SupervisorScreen } from '../supervisor/SupervisorScreen.js';
import { ErrorBox } from '../ui/ErrorBox.js';
import { WorkspaceScreen } from '../workspace/WorkspaceScreen.js';
import { navigate, useLocation } from './router.js';
import { homePath, resolve, type Screen } from './routes.js';
import { SessionProvider, useSession } from './session.js';

const ScreenView = ({ screen }: { screen: Screen }) => {
  switch (screen.kind) {
    case 'soon':
      return <ComingSoon section={screen.section} />;
    case 'workspace':
      return <WorkspaceScreen />;
    case 'supervisor':
      return <SupervisorScreen />;
    case 'users':
      return <UsersScreen />;
    case 'apikeys':
      return <ApiKeysScreen />;
    case 'chat-widgets':
      return <WidgetsScreen />;
    case 'canned':
      return <CannedScreen />;
    case 'audit':
      return <TenantAuditScreen />;
    case 'tenants':
      return <TenantsScreen />;
    case 'operator-audit':
      return <OperatorAuditScreen />;
    case 'account':
      return <AccountScreen />;
  }
};

const SignedIn = ({ me }: { me: Me }) => {
  const { path } = useLocation();
  const r = resolve(path, me);
  const redirectTo = r.kind === 'redirect' ? r.to : null;
  useEffect(() => {
    if (redirectTo) navigate(redirectTo, { replace: true });
  }, [redirectTo]);
  const home = homePath(me);
  return (
    <Shell me={me}>
      {r.kind === 'screen' && <ScreenView key={r.leaf.id} screen={r.leaf.screen} />}
      {r.kind === 'forbidden' && <Forbidden home={home} />}
      {r.kind === 'not-found' && <NotFound home={home} />}
    </Shell>
  );
};

/** Where to go after log-in: back to the page that asked for it, if it is ours and open to this user. */
const afterLogin = (raw: string | null, me: Me): string => {
  if (!raw?.startsWith('/') || raw.startsWith('//')) return '/';
  const target = resolve(raw.split('?')[0] ?? raw, me);
  return target.kind === 'screen' || target.kind === 'redirect' ? raw : '/';
};

const Anonymous = ({ reason }: { reason: 'start' | 'ended' | 'left' }) => {
  const { path, query } = useLocation();
  useEffect(() => {
    if (path === '/login') return;
    // Keep the requested page in ?next= so signing in returns there; after a deliberate log-out
    // the next person starts from their own home page instead.
    const next = reason === 'left' ? '' : `?next=${encodeURIComponent(path + window.location.search)}`;
    navigate(`/login${next}`, { replace: true });
  }, [path, reason]);
  const next = query.get('next');
  return <LoginScreen sessionEnded={reason === 'ended'} onSignedIn={(me) => navigate(afterLogin(next, me), { replace: true })} />;
};

const Root = () => {
  const { state, reload } = useSession();
  const { t } = useI18n();
  switch (state.status) {
    case 'loading':
      return (
        <div className="boot" role="status">
          {t('app.loading')}
        </div>
      );
    case 'failed':
      return (
        <div className="boot">
          <ErrorBox error={state.error} onRetry={reload} />
        </div>
      );
    case 'anonymous':
      return <Anonymous reason={state.reason} />;
    case 'signed-in':
      return <SignedIn me={state.me} />;
  }
};

export const App = () => (
  <I18nProvider>
    <SessionProvider>
      <Root />
    </SessionProvider>
  </I18nProvider>
);
