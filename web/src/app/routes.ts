/**
 * Which paths exist, who may see them, and what they show. Navigation and routing both read this
 * table, so a link is never shown for a page that would then refuse the user.
 */
import type { Me } from '../api/types.js';
import type { MessageKey } from '../i18n/en.js';

export const COMING_SOON = ['knowledge', 'tickets', 'reports', 'workforce'] as const;
export type ComingSoonSection = (typeof COMING_SOON)[number];

export type Screen =
  | { readonly kind: 'soon'; readonly section: ComingSoonSection }
  | {
      readonly kind:
        | 'workspace'
        | 'supervisor'
        | 'users'
        | 'apikeys'
        | 'chat-widgets'
        | 'canned'
        | 'audit'
        | 'tenants'
        | 'operator-audit'
        | 'account';
    };

export interface NavLeaf {
  readonly id: string;
  readonly path: string;
  readonly label: MessageKey;
  readonly screen: Screen;
  readonly allowed: (me: Me) => boolean;
}

export interface NavGroup {
  readonly id: string;
  readonly label: MessageKey;
  readonly children: readonly NavLeaf[];
}

export type NavEntry = NavLeaf | NavGroup;

const has = (p: string) => (me: Me) => me.permissions.includes(p);
const isOperator = (me: Me) => me.role === 'operator_admin';
const isTenantUser = (me: Me) => !isOperator(me);

const soon = (section: ComingSoonSection): NavLeaf => ({
  id: section,
  path: `/${section}`,
  label: `nav.${section}`,
  screen: { kind: 'soon', section },
  allowed: isTenantUser,
});

export const NAV: readonly NavEntry[] = [
  { id: 'workspace', path: '/workspace', label: 'nav.workspace', screen: { kind: 'workspace' }, allowed: has('routing.agent') },
  { id: 'supervisor', path: '/supervisor', label: 'nav.supervisor', screen: { kind: 'supervisor' }, allowed: has('routing.supervise') },
  ...COMING_SOON.map(soon),
  {
    id: 'admin',
    label: 'nav.admin',
    children: [
      { id: 'admin-users', path: '/admin/users', label: 'nav.admin.users', screen: { kind: 'users' }, allowed: has('users.read') },
      {
        id: 'admin-apikeys',
        path: '/admin/api-keys',
        label: 'nav.admin.apikeys',
        screen: { kind: 'apikeys' },
        allowed: has('apikeys.read'),
      },
      {
        id: 'admin-widgets',
        path: '/admin/chat-widgets',
        label: 'nav.admin.widgets',
        screen: { kind: 'chat-widgets' },
        allowed: has('chat.admin'),
      },
      {
        id: 'admin-canned',
        path: '/admin/canned-responses',
        label: 'nav.admin.canned',
        screen: { kind: 'canned' },
        // Everyone who may read them (agents too) can look the list up; changing it is chat.canned.manage.
        allowed: has('contacts.read'),
      },
      { id: 'admin-audit', path: '/admin/audit', label: 'nav.admin.audit', screen: { kind: 'audit' }, allowed: has('audit.read') },
    ],
  },
  {
    id: 'operator',
    label: 'nav.operator',
    children: [
      {
        id: 'operator-tenants',
        path: '/operator/tenants',
        label: 'nav.operator.tenants',
        screen: { kind: 'tenants' },
        allowed: has('operator.tenants.read'),
      },
      {
        id: 'operator-audit',
        path: '/operator/audit',
        label: 'nav.operator.audit',
        screen: { kind: 'operator-audit' },
        allowed: has('operator.audit.read'),
      },
    ],
  },
];

const ACCOUNT: NavLeaf = { id: 'account', path: '/account', label: 'top.account', screen: { kind: 'account' }, allowed: () => true };

export const isGroup = (e: NavEntry): e is NavGroup => 'children' in e;

/** The navigation a user sees: only what they may open; a group with no allowed child disappears. */
export const visibleNav = (me: Me): NavEntry[] =>
  NAV.flatMap((e): NavEntry[] => {
    if (!isGroup(e)) return e.allowed(me) ? [e] : [];
    const children = e.children.filter((c) => c.allowed(me));
    return children.length > 0 ? [{ ...e, children }] : [];
  });

const allLeaves = (): NavLeaf[] => [...NAV.flatMap((e) => (isGroup(e) ? e.children : [e])), ACCOUNT];

const firstLeaf = (entries: readonly NavEntry[]): NavLeaf | undefined => {
  const first = entries[0];
  if (!first) return undefined;
  return isGroup(first) ? first.children[0] : first;
};

export const homePath = (me: Me): string => firstLeaf(visibleNav(me))?.path ?? '/account';

export type Resolved =
  | { readonly kind: 'screen'; readonly leaf: NavLeaf }
  | { readonly kind: 'redirect'; readonly to: string }
  | { readonly kind: 'forbidden' }
  | { readonly kind: 'not-found' };

export const resolve = (path: string, me: Me): Resolved => {
  const clean = path.length > 1 ? path.replace(/\/+$/, '') : path;
  if (clean === '/' || clean === '/login') return { kind: 'redirect', to: homePath(me) };
  const group = NAV.find((e): e is NavGroup => isGroup(e) && `/${e.id}` === clean);
  if (group) {
    const first = group.children.find((c) => c.allowed(me));
    return first ? { kind: 'redirect', to: first.path } : { kind: 'forbidden' };
  }
  const leaf = allLeaves().find((l) => l.path === clean);
  if (!leaf) return { kind: 'not-found' };
  return leaf.allowed(me) ? { kind: 'screen', leaf } : { kind: 'forbidden' };
};

/** The group a path belongs to, so the navigation can mark the section as current. */
export const groupOf = (path: string): string | null => NAV.find((e) => isGroup(e) && path.startsWith(`/${e.id}/`))?.id ?? null;
