/** The title block of a screen. Focus moves to the title on arrival so keyboard and screen-reader users know where they are. */
import { type ReactNode, useEffect, useRef } from 'react';
import { useI18n } from '../i18n/context.js';

interface Props {
  readonly title: string;
  readonly intro?: string;
  readonly actions?: ReactNode;
}

export const PageHeader = ({ title, intro, actions }: Props) => {
  const ref = useRef<HTMLHeadingElement>(null);
  const { t } = useI18n();

  useEffect(() => {
    ref.current?.focus({ preventScroll: true });
  }, []);

  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title, t]);

  return (
    <header className="page-header">
      <div>
        <h1 ref={ref} tabIndex={-1}>
          {title}
        </h1>
        {intro && <p className="page-intro">{intro}</p>}
      </div>
      {actions && <div className="page-actions">{actions}</div>}
    </header>
  );
};
