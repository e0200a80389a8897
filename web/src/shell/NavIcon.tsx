/** Simple line icons for the navigation, inline SVG so they inherit colour and need no requests. */
const PATHS: Record<string, string> = {
  workspace: 'M4 5h16v10H8l-4 4z',
  supervisor: 'M2 12s3.5-6 10-6 10 6 10 6-3.5 6-10 6S2 12 2 12zm10 3a3 3 0 100-6 3 3 0 000 6z',
  knowledge: 'M4 4h7a3 3 0 013 3v13a2 2 0 00-2-2H4zM20 4h-5a3 3 0 00-3 3',
  tickets: 'M4 7h16v3a2 2 0 000 4v3H4v-3a2 2 0 000-4z',
  reports: 'M5 20V10M12 20V4M19 20v-7',
  workforce: 'M4 6h16v14H4zM4 10h16M9 3v5M15 3v5',
  admin: 'M12 3l8 3v6c0 4.5-3.4 8-8 9-4.6-1-8-4.5-8-9V6z',
  operator: 'M3 20h18M5 20V9l7-5 7 5v11M9 20v-6h6v6',
};

export const NavIcon = ({ id }: { id: string }) => {
  const d = PATHS[id];
  if (!d) return null;
  return (
    <svg className="nav-icon" width="18" height="18" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d={d} fill="none" stroke="currentColor" strokeWidth="1.7" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
};
