import { Alert, Button, Form, Input, Popconfirm, Radio, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { invitationExpired } from '../../admin/accounts/account-views';
import { ApiProblem, problemMessage } from '../../common/api/problem';
import { useProblemForm } from '../../common/forms/useProblemForm';
import { formatDateTime } from '../../common/format/format';
import { type ProducerPerson, useProducerPeople, useProducerPeopleActions } from './queue-views';

interface InviteValues {
  displayName: string;
  email: string;
  language: 'vi' | 'en';
}

interface Notice {
  type: 'success' | 'error';
  text: string;
}

/** Tag colours dark enough for their white text (WCAG AA). */
const STATE_COLOR = {
  active: '#1f6f43',
  invited: '#0958d9',
  expired: '#ad4e00',
  disabled: '#cf1322',
} as const;

/** Where a person's account stands, with an invitation past its time told apart from one still working. */
function PersonState({ person }: { person: ProducerPerson }) {
  const { t } = useTranslation();
  const state = person.status === 'invited' && invitationExpired(person) ? 'expired' : person.status;
  return <Tag color={STATE_COLOR[state]}>{t(`officerQueues.people.${state}`)}</Tag>;
}

/**
 * The people who sign in to work for a producer, on the officer's page of the producer (whoever signed it up online,
 * and those officers invited): a producer that registered on paper at the commune gets its first account here, and
 * a person whose invitation mail was lost or ran out gets a new one (the earlier links stop working, hence the
 * confirmation).
 */
export function ProducerPeople({ producerId }: { producerId: string }) {
  const { t } = useTranslation();
  const people = useProducerPeople(producerId);
  const { invite, reinvite } = useProducerPeopleActions(producerId);
  const [notice, setNotice] = useState<Notice>();
  const [form] = Form.useForm<InviteValues>();
  const { formProblem, showProblem, clearProblem } = useProblemForm(form);
  const list = people.data?.pages.flatMap((page) => page.items) ?? [];

  async function submit(values: InviteValues) {
    clearProblem();
    setNotice(undefined);
    try {
      const { account } = await invite.mutateAsync({
        displayName: values.displayName.trim(),
        email: values.email.trim(),
        language: values.language,
      });
      form.resetFields();
      setNotice({
        type: 'success',
        text: t('officerQueues.people.invitedNotice', {
          email: account.email,
          time: formatDateTime(account.invitationExpiresAt),
        }),
      });
    } catch (problem) {
      // The service names no field for an address already in use: it is the e-mail typed here.
      if (problem instanceof ApiProblem && problem.code === 'account-exists') {
        form.setFields([{ name: 'email', errors: [t('officerQueues.people.accountExists')] }]);
        form.scrollToField('email', { focus: true });
      } else {
        showProblem(problem);
      }
    }
  }

  async function sendAgain(person: ProducerPerson) {
    setNotice(undefined);
    try {
      const { account } = await reinvite.mutateAsync(person.accountId);
      setNotice({
        type: 'success',
        text: t('officerQueues.people.reinvited', {
          email: account.email,
          time: formatDateTime(account.invitationExpiresAt),
        }),
      });
    } catch (problem) {
      setNotice({ type: 'error', text: problemMessage(t, problem) });
    }
  }

  return (
    <section aria-labelledby="producer-people" className="queue-section">
      <h2 id="producer-people">{t('officerQueues.people.title')}</h2>
      <p>{t('officerQueues.people.intro')}</p>
      <div aria-live="polite">
        {notice && <Alert type={notice.type} showIcon title={notice.text} className="page-alert" />}
      </div>
      {people.error ? (
        <Alert type="warning" showIcon title={problemMessage(t, people.error)} />
      ) : people.isPending ? null : list.length === 0 ? (
        <p>{t('officerQueues.people.none')}</p>
      ) : (
        <ul className="people-list">
          {list.map((person) => (
            <li key={person.accountId}>
              <div className="people-head">
                <strong>{person.displayName}</strong> <PersonState person={person} />
              </div>
              <div>{person.email}</div>
              {person.status === 'invited' && (
                <div className="people-invitation">
                  <span>
                    {t(
                      invitationExpired(person)
                        ? 'officerQueues.people.expiredAt'
                        : 'officerQueues.people.validUntil',
                      { time: formatDateTime(person.invitationExpiresAt) },
                    )}
                  </span>
                  <Popconfirm
                    title={t('officerQueues.people.reinviteConfirm', { email: person.email })}
                    okText={t('officerQueues.people.reinvite')}
                    cancelText={t('common.cancel')}
                    onConfirm={() => sendAgain(person)}
                  >
                    <Button
                      size="small"
                      type={invitationExpired(person) ? 'primary' : 'default'}
                      loading={reinvite.isPending && reinvite.variables === person.accountId}
                      aria-label={t('officerQueues.people.reinviteFor', { name: person.displayName })}
                    >
                      {t('officerQueues.people.reinvite')}
                    </Button>
                  </Popconfirm>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {people.hasNextPage && (
        <Button onClick={() => void people.fetchNextPage()} loading={people.isFetchingNextPage}>
          {t('officerQueues.loadMore')}
        </Button>
      )}
      <h3 id="invite-person">{t('officerQueues.people.inviteTitle')}</h3>
      {formProblem && <Alert type="error" showIcon title={formProblem} role="alert" className="form-alert" />}
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        requiredMark={false}
        initialValues={{ language: 'vi' }}
        aria-labelledby="invite-person"
        className="people-form"
      >
        <Form.Item
          name="displayName"
          label={t('officerQueues.people.displayName')}
          rules={[
            { required: true, whitespace: true, message: t('officerQueues.people.displayNameRequired') },
          ]}
        >
          <Input autoComplete="off" maxLength={200} />
        </Form.Item>
        <Form.Item
          name="email"
          label={t('officerQueues.people.email')}
          extra={t('officerQueues.people.emailHelp')}
          rules={[
            { required: true, whitespace: true, message: t('officerQueues.people.emailRequired') },
            { type: 'email', message: t('officerQueues.people.emailInvalid') },
          ]}
        >
          <Input type="email" autoComplete="off" inputMode="email" maxLength={254} />
        </Form.Item>
        <Form.Item name="language" label={t('officerQueues.people.language')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'vi', label: 'Tiếng Việt' },
              { value: 'en', label: 'English' },
            ]}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={invite.isPending}>
          {t('officerQueues.people.invite')}
        </Button>
      </Form>
    </section>
  );
}
