/** The shell's routes: plain History API, no router library. */
import { useCallback, useEffect, useState } from 'react';

export type Route = { name: 'dashboard' } | { name: 'incident'; id: string } | { name: 'not-found'; path: string };

export function parseRoute(pathname: string): Route {
  if (pathname === '/' || pathname === '') return { name: 'dashboard' };
  const incident = /^\/incidents\/([^/]+)\/?$/.exec(pathname);
  if (incident) {
    try {
      return { name: 'incident', id: decodeURIComponent(incident[1]!) };
    } catch {
      return { name: 'not-found', path: pathname };
    }
  }
  return { name: 'not-found', path: pathname };
}

export function useRoute(): [Route, (path: string) => void] {
  const [pathname, setPathname] = useState(() => window.location.pathname);
  useEffect(() => {
    const onPop = () => setPathname(window.location.pathname);
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const navigate = useCallback((path: string) => {
    const url = new URL(path, window.location.origin);
    if (url.origin !== window.location.origin) return; // remotes navigate inside the shell only
    if (url.pathname + url.search !== window.location.pathname + window.location.search) window.history.pushState(null, '', url.pathname + url.search);
    setPathname(url.pathname);
    window.scrollTo(0, 0);
    // Move focus to the new page's main content for keyboard and screen-reader users.
    requestAnimationFrame(() => document.getElementById('main')?.focus({ preventScroll: true }));
  }, []);
  return [parseRoute(pathname), navigate];
}
