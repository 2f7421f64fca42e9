import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Skeleton, Switch, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, call } from '../common/api/client';
import { problemMessage } from '../common/api/problem';
import type { Schema } from '../common/api/types';
import { currentLanguage } from '../common/i18n/i18n';
import { usePageTitle } from '../common/layout/usePageTitle';

type Change = Schema<'notifications.PreferenceDto'>;
type Channel = Change['channel'];
const CHANNELS: Channel[] = ['in-app', 'email'];

/** One workflow that can reach this person, with its switches (the service lists only those). */
export interface Preference {
  workflow: Change['workflow'];
  nameVi: string;
  nameEn: string;
  critical: boolean;
  digest: boolean;
  channels: Partial<Record<Channel, boolean>>;
}

const PREFERENCES_KEY = ['notifications', 'preferences'] as const;

/**
 * Which notices reach the person, on which channel: the page every e-mail's footer points to. A switch saves at
 * once; notices that must always arrive (a recall, a password reset) show as on and cannot be turned off.
 */
export function Component() {
  const { t } = useTranslation();
  usePageTitle(t('notifications.preferencesTitle'));
  const queryClient = useQueryClient();

  const preferences = useQuery({
    queryKey: PREFERENCES_KEY,
    queryFn: async () => (await call(api.GET('/api/notifications/preferences'))) as unknown as Preference[],
  });
  const save = useMutation({
    mutationFn: async (change: Change) =>
      (await call(
        api.PUT('/api/notifications/preferences', { body: { preferences: [change] } }),
      )) as unknown as Preference[],
    onSuccess: (saved) => queryClient.setQueryData(PREFERENCES_KEY, saved),
  });

  const name = (p: Preference) => (currentLanguage() === 'en' ? p.nameEn : p.nameVi);

  return (
    <>
      <div className="page-head">
        <h1>{t('notifications.preferencesTitle')}</h1>
        <Link to="/thong-bao">{t('notifications.backToInbox')}</Link>
      </div>
      <p>{t('notifications.preferencesIntro')}</p>
      {save.error ? (
        <Alert className="page-alert" type="error" showIcon title={problemMessage(t, save.error)} />
      ) : null}
      {preferences.isPending ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : preferences.error ? (
        <Alert type="warning" showIcon title={problemMessage(t, preferences.error)} />
      ) : (
        <table className="preferences-table">
          <caption className="visually-hidden">{t('notifications.preferencesTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('notifications.kind')}</th>
              {CHANNELS.map((c) => (
                <th scope="col" key={c}>
                  {t(`notifications.channel.${c}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {preferences.data?.map((p) => (
              <tr key={p.workflow}>
                <th scope="row">
                  <span id={`pref-${p.workflow}`}>{name(p)}</span>
                  {p.critical && <Tag className="pref-tag">{t('notifications.alwaysOn')}</Tag>}
                  {p.digest && <Tag className="pref-tag">{t('notifications.digest')}</Tag>}
                </th>
                {CHANNELS.map((c) => (
                  <td key={c}>
                    {c in p.channels ? (
                      <Switch
                        checked={p.channels[c]}
                        disabled={p.critical}
                        loading={
                          save.isPending &&
                          save.variables?.workflow === p.workflow &&
                          save.variables.channel === c
                        }
                        aria-label={t('notifications.switchLabel', {
                          kind: name(p),
                          channel: t(`notifications.channel.${c}`),
                        })}
                        onChange={(enabled) => save.mutate({ workflow: p.workflow, channel: c, enabled })}
                      />
                    ) : (
                      <span aria-label={t('notifications.notOffered')}>—</span>
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
