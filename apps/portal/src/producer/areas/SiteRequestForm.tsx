import { Alert, Button, Form, type FormInstance, Input } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useProblemForm } from '../../common/forms/useProblemForm';
import { CommunePicker } from '../../common/places/CommunePicker';
import { useSession } from '../../common/session/session';
import { placeOfCommune, type SitePlace } from './place';

/** What every site request asks first: its name and its commune. */
export interface SiteRequestValues {
  name: string;
  communeCode: string;
}

/** The service's field paths → the form's names: the place is one commune field, a boundary or a point one field. */
const FIELD_NAMES: Record<string, string> = {
  'place.communeCode': 'communeCode',
  'place.provinceCode': 'communeCode',
  'place.districtCode': 'communeCode',
  boundary: 'location',
  'boundary.type': 'location',
  'boundary.coordinates': 'location',
  location: 'location',
  'location.type': 'location',
  'location.coordinates': 'location',
};

/**
 * The frame a growing-area and a packing-house request share: title and intro, the warning for an account with no
 * producer, the service's refusal (under its field, or above the form), the name and commune, the site's own fields
 * (`children`), and the send and cancel buttons. `send` posts the request and answers the page to go to.
 */
export function SiteRequestForm<V extends SiteRequestValues>({
  form,
  title,
  intro,
  nameLabel,
  nameHelp,
  initialValues,
  cancelTo,
  send,
  children,
}: {
  form: FormInstance<V>;
  title: string;
  intro: string;
  nameLabel: string;
  nameHelp?: string;
  initialValues?: Partial<V>;
  cancelTo: string;
  send: (values: V, place: SitePlace) => Promise<string>;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const { account } = useSession();
  const navigate = useNavigate();
  const { formProblem, showProblem, clearProblem } = useProblemForm(form, FIELD_NAMES);
  const [busy, setBusy] = useState(false);

  async function submit(values: V) {
    clearProblem();
    setBusy(true);
    try {
      navigate(await send(values, await placeOfCommune(values.communeCode)));
    } catch (problem) {
      showProblem(problem);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <h1>{title}</h1>
      <p>{intro}</p>
      {!account?.producerId && <Alert type="warning" showIcon title={t('areas.noProducer')} />}
      {formProblem && <Alert type="error" showIcon title={formProblem} role="alert" className="form-alert" />}
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={initialValues}
        scrollToFirstError={{ focus: true }}
        className="areas-form"
      >
        <Form.Item
          name="name"
          label={nameLabel}
          extra={nameHelp}
          rules={[{ required: true, whitespace: true, message: t('areas.required.name') }, { max: 200 }]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="communeCode"
          label={t('areas.field.commune')}
          extra={t('areas.help.commune')}
          rules={[{ required: true, message: t('areas.required.commune') }]}
        >
          <CommunePicker />
        </Form.Item>
        {children}
        <div className="areas-toolbar">
          <Button
            type="primary"
            htmlType="submit"
            size="large"
            loading={busy}
            disabled={!account?.producerId}
          >
            {t('areas.submit')}
          </Button>
          <Button size="large" onClick={() => navigate(cancelTo)}>
            {t('areas.cancel')}
          </Button>
        </div>
      </Form>
    </>
  );
}
