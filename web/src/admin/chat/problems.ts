/** Client-side form problems in the reader's language. */
import type { I18n } from '../../i18n/context.js';
import type { CannedProblem } from './canned-form.js';
import { LIMITS, type Problem } from './widget-form.js';

const limitOf = (field: string): number => (field === 'name' ? LIMITS.name : field.endsWith('product') ? LIMITS.product : LIMITS.label);

export const widgetProblemText = (p: Problem, { t }: I18n): string => {
  switch (p.issue) {
    case 'required':
    case 'noQueue':
      return t('form.required');
    case 'tooLong':
      return t('form.tooLong', { n: limitOf(p.field) });
    case 'origin':
      return `“${p.value ?? ''}” ${t('issue.origin')}`;
    case 'tooMany':
      return t('issue.maxItems', { n: p.field === 'origins' ? LIMITS.origins : LIMITS.topics });
    case 'noTopic':
      return t('issue.noTopic');
  }
};

export const cannedProblemText = (p: CannedProblem, { t }: I18n): string => {
  switch (p.issue) {
    case 'required':
      return t('form.required');
    case 'tooLong':
      return t('form.tooLong', { n: p.field === 'title' ? 80 : 5000 });
    case 'shortcut':
      return t('canned.issue.shortcut');
    case 'unknownVariable':
      return t('canned.issue.unknownVariable', { names: (p.names ?? []).map((n) => `{{${n}}}`).join(', ') });
  }
};
