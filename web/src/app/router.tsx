/**
 * A minimal history-API router: the server answers every non-API GET with index.html, so paths are
 * plain (`/admin/users`). Components read the location through a hook and change it with navigate().
 */
import { type AnchorHTMLAttributes, type MouseEvent, useSyncExternalStore } from 'react';

const CHANGE = 'kefu:navigate';

const subscribe = (onChange: () => void): (() => void) => {
  window.addEventListener('popstate', onChange);
  window.addEventListener(CHANGE, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(CHANGE, onChange);
  };
};

// Snapshot as one string so React can compare it cheaply between renders.
const snapshot = (): string => window.location.pathname + window.location.search;

export interface Location {
  readonly path: string;
  readonly query: URLSearchParams;
}

export const useLocation = (): Location => {
  const href = useSyncExternalStore(subscribe, snapshot);
  const q = href.indexOf('?');
  return q < 0 ? { path: href, query: new URLSearchParams() } : { path: href.slice(0, q), query: new URLSearchParams(href.slice(q)) };
};

export const navigate = (to: string, opts: { replace?: boolean } = {}): void => {
  if (to === snapshot()) return;
  if (opts.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(CHANGE));
};

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { readonly to: string };

/** A real <a href>, so middle-click, copy link and "open in new tab" keep working. */
export const Link = ({ to, onClick, ...rest }: LinkProps) => {
  const handle = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={handle} {...rest} />;
};
