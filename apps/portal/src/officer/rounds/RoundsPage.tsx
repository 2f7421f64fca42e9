import { Alert, Button, Form, Input, Select, Skeleton, Tag } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { problemMessage } from '../../common/api/problem';
import { useProblemForm } from '../../common/forms/useProblemForm';
import { formatCalendarDate, vietnamToday } from '../../common/format/format';
import { usePageTitle } from '../../common/layout/usePageTitle';
import { useSession } from '../../common/session/session';
import {
  officerLevel,
  type OfficerRound,
  RULES,
  rulesInForce,
  territoryFor,
  useOfficerRounds,
  useOpenRound,
} from './round-views';
import './rounds.css';

const STATUS_COLOURS: Record<OfficerRound['status'], string> = {
  open: '#0958d9',
  scoring: '#ad4e00',
  'results-approved': '#135200',
  closed: '#595959',
};

export function RoundStatus({ status }: { status: OfficerRound['status'] }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOURS[status]}>{t(`officerRounds.status.${status}`)}</Tag>;
}

interface OpenForm {
  name?: string;
  rules: string;
  level: OfficerRound['level'];
  opensOn?: string;
  closesOn?: string;
}

/** The form that opens a round at the officer's level, in the officer's territory, under the rules in force. */
function OpenRoundForm() {
  const { t } = useTranslation();
  const { account } = useSession();
  const navigate = useNavigate();
  const open = useOpenRound();
  const headingId = useId();
  const today = vietnamToday();
  const [form] = Form.useForm<OpenForm>();
  const { formProblem, showProblem, clearProblem } = useProblemForm(form);
  const rules = Form.useWatch('rules', form) ?? rulesInForce(today).id;
  const levels = (RULES.find((r) => r.id === rules)?.levels ?? []).filter((l) => l !== 'central');

  async function submit(values: OpenForm) {
    clearProblem();
    try {
      const round = await open.mutateAsync({
        name: values.name?.trim() ?? '',
        rules: values.rules,
        level: values.level,
        territory: territoryFor(account, values.level),
        opensOn: values.opensOn ?? '',
        closesOn: values.closesOn ?? '',
      });
      await navigate(`/can-bo/dot-danh-gia/${round.roundId}`);
    } catch (problem) {
      showProblem(problem);
    }
  }

  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('officerRounds.openTitle')}</h2>
      {formProblem && <Alert type="error" showIcon title={formProblem} className="page-alert" />}
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ rules: rulesInForce(today).id, level: officerLevel(account), opensOn: today }}
        onFinish={(values) => void submit(values)}
      >
        <Form.Item
          name="name"
          label={t('officerRounds.name')}
          extra={t('officerRounds.nameHelp')}
          rules={[{ required: true, whitespace: true, message: t('officerRounds.nameRequired') }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="rules" label={t('officerRounds.rules')} extra={t('officerRounds.rulesHelp')}>
          <Select options={RULES.map((r) => ({ value: r.id, label: t(`officerRounds.rule.${r.id}`) }))} />
        </Form.Item>
        <Form.Item name="level" label={t('officerRounds.level')}>
          <Select options={levels.map((l) => ({ value: l, label: t(`officerRounds.levels.${l}`) }))} />
        </Form.Item>
        <div className="rounds-dates">
          <Form.Item
            name="opensOn"
            label={t('officerRounds.opensOn')}
            rules={[{ required: true, message: t('officerRounds.dateRequired') }]}
          >
            <Input type="date" />
          </Form.Item>
          <Form.Item
            name="closesOn"
            label={t('officerRounds.closesOn')}
            dependencies={['opensOn']}
            rules={[
              { required: true, message: t('officerRounds.dateRequired') },
              ({ getFieldValue }) => ({
                validator: (_rule, value: string | undefined) =>
                  !value || !getFieldValue('opensOn') || value > (getFieldValue('opensOn') as string)
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('officerRounds.closesBeforeOpens'))),
              }),
            ]}
          >
            <Input type="date" />
          </Form.Item>
        </div>
        <Button type="primary" htmlType="submit" loading={open.isPending}>
          {t('officerRounds.open')}
        </Button>
      </Form>
    </section>
  );
}

/** The officer's rounds, newest first, and the form to open one. */
export function Component() {
  const { t } = useTranslation();
  usePageTitle(t('officerRounds.title'));
  const rounds = useOfficerRounds();
  const [opening, setOpening] = useState(false);
  const listId = useId();
  return (
    <>
      <h1>{t('officerRounds.title')}</h1>
      <p>{t('officerRounds.intro')}</p>
      <p>
        <Link to="/can-bo/dot-danh-gia/de-xuat-trung-uong">{t('officerRounds.central')}</Link>
      </p>
      {opening ? (
        <OpenRoundForm />
      ) : (
        <Button type="primary" onClick={() => setOpening(true)}>
          {t('officerRounds.open')}
        </Button>
      )}
      <section className="panel" aria-labelledby={listId}>
        <h2 id={listId}>{t('officerRounds.title')}</h2>
        {rounds.isPending ? (
          <Skeleton active />
        ) : rounds.error ? (
          <Alert type="warning" showIcon title={problemMessage(t, rounds.error)} />
        ) : rounds.data.length === 0 ? (
          <p>{t('officerRounds.none')}</p>
        ) : (
          <ul className="item-list">
            {rounds.data.map((r) => (
              <li key={r.roundId}>
                <div className="item-head">
                  <Link to={`/can-bo/dot-danh-gia/${r.roundId}`}>{r.name}</Link>
                  <RoundStatus status={r.status} />
                </div>
                <div>
                  {t(`officerRounds.levels.${r.level}`)} ·{' '}
                  {t('officerRounds.dates', {
                    from: formatCalendarDate(r.opensOn),
                    to: formatCalendarDate(r.closesOn),
                  })}
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
