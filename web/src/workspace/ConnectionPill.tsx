/** Whether the live connection is up: staff must know when what they see may be stale. */
import type { ConnectionStatus } from '../api/staff-socket.js';
import { useI18n } from '../i18n/context.js';

export const ConnectionPill = ({ status }: { status: ConnectionStatus }) => {
  const { t } = useI18n();
  return (
    <span className={`conn-pill conn-${status}`} role="status" data-testid="ws-status" data-status={status}>
      <span className="conn-dot" aria-hidden="true" />
      {t(`conn.${status}`)}
    </span>
  );
};
