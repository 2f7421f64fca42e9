import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, InputNumber, Radio, Select, Skeleton, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, call } from '../../common/api/client';
import { ApiProblem } from '../../common/api/problem';
import type { Schema } from '../../common/api/types';
import { formatCalendarDate } from '../../common/format/format';
import { useProblemForm } from '../../common/forms/useProblemForm';
import { usePageTitle } from '../../common/layout/usePageTitle';
import { useSession } from '../../common/session/session';
import { useRounds } from './queries';
import { ratingProblem } from './rating-problems';
import type { Dossier, Page, Round, ScoringSheet } from './rating-views';
import './rating.css';

type Product = Schema<'catalogue.ProductView'>;

interface Values {
  roundId?: string;
  productId?: string;
  rubricCase?: string;
  registration: {
    productNameVi: string;
    representative: string;
    phone: string;
    email?: string;
    address?: string;
    annualOutput?: number;
    outputUnit?: string;
    markets?: string[];
    description?: string;
  };
}

/**
 * Where producers apply under each rule set (libs/ocop-domain levels.ts): the other levels take in what the level
 * below forwarded, so their rounds are not offered here even when rating lists them (a dossier of ours is there).
 */
const ENTRY_LEVEL: Record<string, Round['level']> = {
  'qd1489-2025': 'commune',
  'qd148-2023': 'district',
  'qd1048-2019': 'district',
};

/** Problems about a choice of the form rather than the form as a whole: said under that choice. */
const PROBLEM_FIELD: Record<string, keyof Values> = {
  'dossier-exists': 'productId',
  'product-unknown': 'productId',
  'product-discontinued': 'productId',
  'product-set-unmappable': 'productId',
  'rubric-set-unusable': 'productId',
  'rubric-set-choice-required': 'productId',
  'round-not-open': 'roundId',
  'round-takes-forwarded-only': 'roundId',
  'outside-round-territory': 'roundId',
};

type SheetAnswer = ScoringSheet & { sheetId: string };

/** Opens a dossier: an open round, one of the producer's products, the sheet that applies, the registration form. */
export function Component() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('rating.new.title'));
  const { account } = useSession();
  const producerId = account?.producerId ?? '';
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const { formProblem, showProblem, clearProblem } = useProblemForm(form);
  const [busy, setBusy] = useState(false);
  const roundId = Form.useWatch('roundId', form);
  const productId = Form.useWatch('productId', form);

  const rounds = useRounds('open');
  const openRounds = (rounds.data ?? []).filter((r) => ENTRY_LEVEL[r.rules] === r.level);
  const products = useQuery({
    queryKey: ['catalogue', 'products', producerId],
    enabled: !!producerId,
    queryFn: async () =>
      (
        (await call(
          api.GET('/api/catalogue/products', { params: { query: { producerId, limit: 50 } } }),
        )) as Page<Product>
      ).items,
  });
  const ratable = (products.data ?? []).filter((p) => p.status !== 'discontinued');
  const round = openRounds.find((r) => r.roundId === roundId);
  const product = ratable.find((p) => p.productId === productId);

  const sheet = useQuery({
    queryKey: ['rating', 'sheet-for', round?.rubricVersion, product?.productSet],
    enabled: !!round && !!product,
    queryFn: async () =>
      (await call(
        api.GET('/api/rating/rubrics/{version}/sets/{set}', {
          params: { path: { version: round?.rubricVersion ?? '', set: String(product?.productSet) } },
        }),
      )) as unknown as SheetAnswer,
  });

  const productName = (p: Product) => (i18n.language === 'en' && p.nameEn ? p.nameEn : p.nameVi);

  async function open(values: Values) {
    clearProblem();
    setBusy(true);
    try {
      const created = (await call(
        api.POST('/api/rating/rounds/{roundId}/dossiers', {
          params: { path: { roundId: values.roundId ?? '' } },
          body: {
            productId: values.productId ?? '',
            ...(values.rubricCase ? { rubricCase: values.rubricCase } : {}),
            registration: values.registration,
          },
        }),
      )) as unknown as Dossier;
      await queryClient.invalidateQueries({ queryKey: ['rating', 'dossiers'] });
      await navigate(`/ho-so/${created.dossierId}`);
    } catch (problem) {
      const field = problem instanceof ApiProblem ? PROBLEM_FIELD[problem.code] : undefined;
      if (field) {
        form.setFields([{ name: field, errors: [ratingProblem(t, problem)] }]);
        form.scrollToField(field, { focus: true });
      } else showProblem(problem);
    } finally {
      setBusy(false);
    }
  }

  const loading = rounds.isPending || products.isPending;
  const listProblem = rounds.error ?? products.error;

  return (
    <>
      <h1>{t('rating.new.title')}</h1>
      <p className="rating-intro">{t('rating.new.intro')}</p>
      {loading ? (
        <Skeleton active />
      ) : listProblem ? (
        <Alert type="warning" showIcon title={ratingProblem(t, listProblem)} />
      ) : !openRounds.length ? (
        <Alert type="info" showIcon title={t('rating.new.noRound')} />
      ) : !ratable.length ? (
        <Alert type="info" showIcon title={t('rating.new.noProduct')} />
      ) : (
        <Card>
          {formProblem && (
            <Alert type="error" showIcon title={formProblem} role="alert" className="form-alert" />
          )}
          <Form
            form={form}
            layout="vertical"
            onFinish={open}
            className="rating-form"
            initialValues={{
              roundId: openRounds.length === 1 ? openRounds[0].roundId : undefined,
              registration: {
                representative: account?.displayName ?? '',
                phone: account?.phone ?? '',
                ...(account?.email ? { email: account.email } : {}),
              },
            }}
            onValuesChange={(changed: Partial<Values>) => {
              // The registration names the product as the catalogue does, unless the producer wrote otherwise.
              const chosen = ratable.find((p) => p.productId === changed.productId);
              if (chosen) form.setFieldValue(['registration', 'productNameVi'], chosen.nameVi);
            }}
          >
            <Form.Item
              name="roundId"
              label={t('rating.new.round')}
              rules={[{ required: true, message: t('rating.new.roundRequired') }]}
            >
              <Radio.Group className="rating-choices">
                {openRounds.map((r) => (
                  <Radio key={r.roundId} value={r.roundId}>
                    {r.name}{' '}
                    <span className="rating-muted">
                      {t('rating.new.roundDates', {
                        from: formatCalendarDate(r.opensOn),
                        to: formatCalendarDate(r.closesOn),
                      })}
                    </span>
                  </Radio>
                ))}
              </Radio.Group>
            </Form.Item>
            <Form.Item
              name="productId"
              label={t('rating.new.product')}
              rules={[{ required: true, message: t('rating.new.productRequired') }]}
            >
              <Select
                placeholder={t('rating.new.productPlaceholder')}
                showSearch={{ optionFilterProp: 'label' }}
                options={ratable.map((p) => ({ value: p.productId, label: productName(p) }))}
              />
            </Form.Item>
            {round && product && (
              <div className="rating-sheet-choice" aria-live="polite">
                {sheet.isPending ? (
                  <Skeleton active paragraph={{ rows: 1 }} />
                ) : sheet.error ? (
                  <Alert type="warning" showIcon title={ratingProblem(t, sheet.error)} />
                ) : sheet.data ? (
                  <>
                    <Alert
                      type="info"
                      showIcon
                      title={t('rating.new.sheet', {
                        set: sheet.data.setNo ?? sheet.data.setCode,
                        name: sheet.data.name,
                      })}
                      description={t('rating.new.sheetHelp')}
                    />
                    {sheet.data.cases.length > 0 && (
                      <Form.Item
                        name="rubricCase"
                        label={t('rating.new.case')}
                        rules={[{ required: true, message: t('rating.new.caseRequired') }]}
                      >
                        <Radio.Group className="rating-choices">
                          {sheet.data.cases.map((c) => (
                            <Radio key={c.code} value={c.code}>
                              {c.title}
                            </Radio>
                          ))}
                        </Radio.Group>
                      </Form.Item>
                    )}
                  </>
                ) : null}
              </div>
            )}

            <h2 className="card-title rating-form-heading">{t('rating.new.registration')}</h2>
            <Form.Item
              name={['registration', 'productNameVi']}
              label={t('rating.new.productNameVi')}
              rules={[{ required: true, whitespace: true, message: t('rating.new.productNameRequired') }]}
            >
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item
              name={['registration', 'representative']}
              label={t('rating.new.representative')}
              rules={[{ required: true, whitespace: true, message: t('rating.new.representativeRequired') }]}
            >
              <Input maxLength={200} autoComplete="name" />
            </Form.Item>
            <Form.Item
              name={['registration', 'phone']}
              label={t('rating.new.phone')}
              rules={[
                { required: true, whitespace: true, message: t('rating.new.phoneRequired') },
                { min: 6, max: 30, message: t('rating.new.phoneLength') },
              ]}
            >
              <Input autoComplete="tel" inputMode="tel" />
            </Form.Item>
            <Form.Item
              name={['registration', 'email']}
              label={t('rating.new.email')}
              rules={[{ type: 'email', message: t('rating.new.emailInvalid') }]}
            >
              <Input autoComplete="email" inputMode="email" />
            </Form.Item>
            <Form.Item name={['registration', 'address']} label={t('rating.new.address')}>
              <Input maxLength={300} autoComplete="street-address" />
            </Form.Item>
            <Space wrap align="start">
              <Form.Item name={['registration', 'annualOutput']} label={t('rating.new.annualOutput')}>
                <InputNumber min={0} style={{ width: 160 }} />
              </Form.Item>
              <Form.Item name={['registration', 'outputUnit']} label={t('rating.new.outputUnit')}>
                <Input
                  maxLength={30}
                  placeholder={t('rating.new.outputUnitPlaceholder')}
                  style={{ width: 160 }}
                />
              </Form.Item>
            </Space>
            <Form.Item
              name={['registration', 'markets']}
              label={t('rating.new.markets')}
              extra={t('rating.new.marketsHelp')}
            >
              <Select mode="tags" tokenSeparators={[',']} open={false} suffixIcon={null} />
            </Form.Item>
            <Form.Item name={['registration', 'description']} label={t('rating.new.description')}>
              <Input.TextArea rows={3} maxLength={4000} />
            </Form.Item>
            <Space wrap>
              <Button type="primary" htmlType="submit" loading={busy}>
                {t('rating.new.submit')}
              </Button>
              <Link to="/ho-so">{t('rating.new.back')}</Link>
            </Space>
          </Form>
        </Card>
      )}
    </>
  );
}
