/**
 * The file waiting in the composer: its name and size, the upload's progress, or why it was
 * refused (here, or by the server: its code's sentence and the server's own message), with a
 * button to drop it.
 */
import { ApiError } from '../api/client.js';
import { useI18n } from '../i18n/context.js';
import { describeError } from '../i18n/errors.js';
import { formatSize } from './attachments.js';
import { Icon } from './Icon.js';
import type { ComposerFile } from './useComposerFile.js';

interface Props {
  readonly file: ComposerFile;
  readonly onRemove: () => void;
}

/** Room for the close button at the box's right edge, and a little air above the textarea. */
const BOX = { paddingRight: 40, marginBottom: 8 } as const;
const PROGRESS = { width: 72, verticalAlign: 'middle' } as const;

const nameOf = (f: ComposerFile): string => (f.phase === 'ready' ? f.attachment.fileName : f.fileName);

/** What the reader is told: the translated sentence first, then what the server said when it said more. */
const useProblem = (file: ComposerFile): { title: string; lines: readonly string[] } | null => {
  const i18n = useI18n();
  const name = nameOf(file);
  const sep = i18n.lang === 'zh-CN' ? '：' : ': ';
  if (file.phase === 'refused') return { title: i18n.t(`ws.attach.${file.problem}`, { name }), lines: [] };
  if (file.phase !== 'failed') return null;
  const shown = describeError(file.error, i18n);
  const server = file.error instanceof ApiError && file.error.message !== shown.message ? [file.error.message] : [];
  return { title: `${name}${sep}${shown.message}`, lines: [...server, ...shown.details] };
};

export const AttachmentChip = ({ file, onRemove }: Props) => {
  const { t } = useI18n();
  const problem = useProblem(file);
  const name = nameOf(file);
  const remove = (
    <button
      type="button"
      className="alert-close"
      onClick={onRemove}
      aria-label={t('ws.attach.remove', { name })}
      title={t('ws.attach.remove', { name })}
      data-testid="composer-attachment-remove"
    >
      ×
    </button>
  );
  if (problem) {
    return (
      <div className="alert alert-error" style={BOX} role="alert" data-testid="composer-attachment" data-phase={file.phase}>
        <p className="alert-title" data-testid="composer-attachment-error">
          {problem.title}
        </p>
        {problem.lines.length > 0 && (
          <ul className="alert-details">
            {problem.lines.map((l) => (
              <li key={l}>{l}</li>
            ))}
          </ul>
        )}
        {remove}
      </div>
    );
  }
  const size = file.phase === 'ready' ? file.attachment.size : file.phase === 'uploading' ? file.size : 0;
  return (
    <div className="alert alert-info" style={BOX} role="status" data-testid="composer-attachment" data-phase={file.phase}>
      <Icon name="clip" /> <strong>{name}</strong> <span className="muted">({formatSize(size)})</span>
      {' · '}
      {file.phase === 'uploading' ? (
        <>
          <progress max={100} value={file.percent ?? undefined} style={PROGRESS} aria-label={t('ws.attach.progress', { name })} />{' '}
          {t('ws.attach.uploading', { percent: file.percent ?? 0 })}
        </>
      ) : (
        t('ws.attach.ready')
      )}
      {remove}
    </div>
  );
};
