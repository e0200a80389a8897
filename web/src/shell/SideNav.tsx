/** The left navigation. Groups link to their first page and always show their pages: admins move between them often. */
import type { Me } from '../api/types.js';
import { Link, useLocation } from '../app/router.js';
import { groupOf, isGroup, type NavLeaf, visibleNav } from '../app/routes.js';
import { useI18n } from '../i18n/context.js';
import { NavIcon } from './NavIcon.js';

const LeafLink = ({ leaf, current, nested }: { leaf: NavLeaf; current: boolean; nested?: boolean }) => {
  const { t } = useI18n();
  return (
    <Link
      to={leaf.path}
      className={`nav-link${nested ? ' nav-sub' : ''}${current ? ' is-current' : ''}`}
      aria-current={current ? 'page' : undefined}
      data-testid={`nav-${leaf.id}`}
    >
      {!nested && <NavIcon id={leaf.id} />}
      <span>{t(leaf.label)}</span>
    </Link>
  );
};

export const SideNav = ({ me }: { me: Me }) => {
  const { t } = useI18n();
  const { path } = useLocation();
  const currentGroup = groupOf(path);
  return (
    <nav className="sidenav" aria-label={t('nav.label')}>
      <ul>
        {visibleNav(me).map((entry) =>
          isGroup(entry) ? (
            <li key={entry.id} className="nav-group">
              <Link
                to={`/${entry.id}`}
                className={`nav-link${currentGroup === entry.id ? ' is-section' : ''}`}
                data-testid={`nav-${entry.id}`}
              >
                <NavIcon id={entry.id} />
                <span>{t(entry.label)}</span>
              </Link>
              <ul>
                {entry.children.map((c) => (
                  <li key={c.id}>
                    <LeafLink leaf={c} current={path === c.path} nested />
                  </li>
                ))}
              </ul>
            </li>
          ) : (
            <li key={entry.id}>
              <LeafLink leaf={entry} current={path === entry.path} />
            </li>
          ),
        )}
      </ul>
    </nav>
  );
};
