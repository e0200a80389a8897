/** The keyboard shortcuts of the workspace, listed from the same table the key handler uses. */
import { useI18n } from '../i18n/context.js';
import { Dialog } from '../ui/Dialog.js';
import { SHORTCUTS } from './shortcuts.js';

export const ShortcutsHelp = ({ onClose }: { onClose: () => void }) => {
  const { t } = useI18n();
  return (
    <Dialog title={t('ws.keys.title')} onClose={onClose} testId="shortcuts-help">
      <dl className="shortcut-list">
        {SHORTCUTS.map((s) => (
          <div key={s.label} className="shortcut-row">
            <dt>
              {s.keys.map((k, i) => (
                <span key={k}>
                  {i > 0 && ' + '}
                  <kbd>{k}</kbd>
                </span>
              ))}
            </dt>
            <dd>{t(s.label)}</dd>
          </div>
        ))}
      </dl>
    </Dialog>
  );
};
