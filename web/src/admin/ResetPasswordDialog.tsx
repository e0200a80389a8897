/** An administrator sets a new password for someone who lost theirs. */
import { type FormEvent, useState } from 'react';
import { usersApi } from '../api/endpoints.js';
import { PASSWORD_MIN, type User } from '../api/types.js';
import { useI18n } from '../i18n/context.js';
import { Dialog } from '../ui/Dialog.js';
import { ErrorBox } from '../ui/ErrorBox.js';
import { DialogActions, TextField } from '../ui/Field.js';
import { useSubmit } from '../ui/useSubmit.js';

export const ResetPasswordDialog = ({ user, onDone, onClose }: { user: User; onDone: () => void; onClose: () => void }) => {
  const { t } = useI18n();
  const [password, setPassword] = useState('');
  const { busy, error, run } = useSubmit();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await run(async () => {
      await usersApi.setPassword(user.id, password);
      onDone();
    });
  };

  return (
    <Dialog title={t('users.reset.title', { name: user.displayName })} onClose={onClose} testId="user-reset-dialog">
      <form onSubmit={submit} noValidate>
        <p className="muted">{t('users.reset.help')}</p>
        <ErrorBox error={error} />
        <TextField
          label={t('users.reset.newPassword')}
          type="password"
          value={password}
          onChange={setPassword}
          autoComplete="new-password"
          hint={t('common.passwordHint', { n: PASSWORD_MIN })}
          testId="user-reset-password"
          autoFocus
        />
        <DialogActions
          label={busy ? t('common.saving') : t('users.reset.submit')}
          disabled={busy}
          testId="user-reset-submit"
          onCancel={onClose}
        />
      </form>
    </Dialog>
  );
};
