/** Admin → Users and roles: who can sign in to this organisation, and as what. */
import { useState } from 'react';
import { type UserPatch, usersApi } from '../api/endpoints.js';
import type { User } from '../api/types.js';
import { can, useMe } from '../app/session.js';
import { type Say, useI18n } from '../i18n/context.js';
import { ErrorBox, Notice } from '../ui/ErrorBox.js';
import { PageHeader } from '../ui/PageHeader.js';
import { TableState } from '../ui/TableState.js';
import { useLoad } from '../ui/useLoad.js';
import { useNotice } from '../ui/useNotice.js';
import { ResetPasswordDialog } from './ResetPasswordDialog.js';
import { UserCreateForm } from './UserCreateForm.js';
import { UserRow } from './UserRow.js';

export const UsersScreen = () => {
  const me = useMe();
  const { t } = useI18n();
  const canManage = can(me, 'users.manage');
  const users = useLoad(() => usersApi.list().then((r) => [...r.items]), []);
  const [creating, setCreating] = useState(false);
  const notice = useNotice();
  const [actionError, setActionError] = useState<unknown>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);

  const replace = (u: User) => users.setData((list) => (list ?? []).map((x) => (x.id === u.id ? u : x)));

  const change = async (user: User, patch: UserPatch, say: Say) => {
    setBusyId(user.id);
    setActionError(null);
    notice.clear();
    try {
      replace(await usersApi.update(user.id, patch));
      notice.show(say);
    } catch (e) {
      setActionError(e);
    } finally {
      setBusyId(null);
    }
  };

  const created = (u: User) => {
    users.setData((list) => [...(list ?? []), u]);
    setCreating(false);
    setActionError(null);
    notice.show((i) => i.t('users.created', { name: u.displayName, role: i.tMaybe(`role.${u.role}`, u.role) }));
  };

  const list = users.data ?? [];
  return (
    <section className="page" data-testid="screen-users">
      <PageHeader
        title={t('users.title')}
        intro={t('users.intro', { org: me.tenantName })}
        actions={
          canManage &&
          !creating && (
            <button type="button" className="btn btn-primary" onClick={() => setCreating(true)} data-testid="user-create-open">
              {t('users.new')}
            </button>
          )
        }
      />
      {!canManage && <p className="alert alert-info">{t('users.readOnly')}</p>}
      {creating && <UserCreateForm onCreated={created} onCancel={() => setCreating(false)} />}
      <Notice say={notice.say} onClose={notice.clear} />
      <ErrorBox error={actionError} />
      <div className="panel table-panel">
        <table className="table" data-testid="user-table">
          <caption className="visually-hidden">{t('users.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('common.name')}</th>
              <th scope="col" className="wide-only">
                {t('common.email')}
              </th>
              <th scope="col">{t('common.role')}</th>
              <th scope="col">{t('common.status')}</th>
              <th scope="col">{t('common.created')}</th>
              {canManage && <th scope="col">{t('common.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {list.map((u) => (
              <UserRow
                key={u.id}
                user={u}
                isSelf={u.id === me.id}
                canManage={canManage}
                busy={busyId === u.id}
                onChange={change}
                onResetPassword={setResetting}
              />
            ))}
          </tbody>
        </table>
        <TableState loaded={users} empty={list.length === 0} emptyText={t('users.empty')} />
      </div>
      {list.length > 0 && <p className="table-foot">{t('users.count', { n: list.length })}</p>}
      {resetting && (
        <ResetPasswordDialog
          user={resetting}
          onClose={() => setResetting(null)}
          onDone={() => {
            const name = resetting.displayName;
            setResetting(null);
            notice.show((i) => i.t('users.reset.done', { name }));
          }}
        />
      )}
    </section>
  );
};
