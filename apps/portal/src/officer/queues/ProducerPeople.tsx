import { Alert, Button, Form, Input, Popconfirm, Radio, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { invitationExpired, sendInvitationAgain } from '../../admin/accounts/account-views';
import { ApiProblem, problemMessage } from '../../common/api/problem';
import { useProblemForm } from '../../common/forms/useProblemForm';
import { formatDateTime } from '../../common/format/format';
import { type Notice, PageNotice } from '../../common/notice/PageNotice';
import { type ProducerPerson, useProducerPeople, useProducerPeopleActions } from './queue-views';

interface InviteValues {
  displayName: string;
  email: string;
  language: 'vi' | 'en';
}

/** Tag colours dark enough for their white text (WCAG AA). */
const STATE_COLOR = {
  active: '#1f6f43',
  invited: '#0958d9',
  expired: '#ad4e00',
  disabled: '#cf1322',
} as const;

/**
 * One person: where the account stands (an invitation past its time told apart from one still working) and, while
 * invited, a new invitation on request (the earlier links stop working, hence the confirmation).
 */
function Person({
  person,
  sending,
  onSendAgain,
}: {
  person: ProducerPerson;
  sending: boolean;
  onSendAgain: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const expired = invitationExpired(person);
  const state = expired ? 'expired' : person.status;
  return (
    <li>
      <div className="item-head">
        <strong>{person.displayName}</strong>{' '}
        <Tag color={STATE_COLOR[state]}>{t(`officerQueues.people.${state}`)}</Tag>
      </div>
      <div>{person.email}</div>
      {person.status === 'invited' && (
        <div className="people-invitation">
          <span>
            {t(expired ? 'officerQueues.people.expiredAt' : 'officerQueues.people.validUntil', {
              time: formatDateTime(person.invitationExpiresAt),
            })}
          </span>
          <Popconfirm
            title={t('officerQueues.people.reinviteConfirm', { email: person.email })}
            okText={t('officerQueues.people.reinvite')}
            cancelText={t('common.cancel')}
            onConfirm={onSendAgain}
          >
            <Button
              size="small"
              type={expired ? 'primary' : 'default'}
              loading={sending}
              aria-label={t('officerQueues.people.reinviteFor', { name: person.displayName })}
            >
              {t('officerQueues.people.reinvite')}
            </Button>
          </Popconfirm>
        </div>
      )}
    </li>
  );
}

/**
 * The people who sign in to work for a producer, on the officer's page of the producer (whoever signed it up online,
 * and those officers invited): a producer that registered on paper at the commune gets its first account here, and
 * a person whose invitation mail was lost or ran out gets a new one.
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
    setNotice(
      await sendInvitationAgain(
        () => reinvite.mutateAsync(person.accountId),
        t,
        'officerQueues.people.reinvited',
      ),
    );
  }

  return (
    <section aria-labelledby="producer-people" className="panel people-section">
      <h2 id="producer-people">{t('officerQueues.people.title')}</h2>
      <p>{t('officerQueues.people.intro')}</p>
      <PageNotice notice={notice} />
      {people.error ? (
        <Alert type="warning" showIcon title={problemMessage(t, people.error)} />
      ) : people.isPending ? null : list.length === 0 ? (
        <p>{t('officerQueues.people.none')}</p>
      ) : (
        <ul className="item-list">
          {list.map((person) => (
            <Person
              key={person.accountId}
              person={person}
              sending={reinvite.isPending && reinvite.variables === person.accountId}
              onSendAgain={() => sendAgain(person)}
            />
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
        className="narrow-form"
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
