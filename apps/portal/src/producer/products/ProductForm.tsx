import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Collapse, Form, Input, InputNumber, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { inLanguage } from '../../common/api/problem';
import { checkGtin, displayGtin } from './gtin';
import { type CreateProduct, type Product, useVocabularies } from './product-api';
import { productProblem } from './product-problems';
import { ProductSetSelect } from './ProductSetSelect';

export interface ProductFormValues {
  nameVi: string;
  nameEn?: string;
  productSet?: number;
  descriptionVi?: string;
  descriptionEn?: string;
  gtins: string[];
  ingredients?: string;
  allergens: string[];
  shelfLifeDays?: number | null;
  geographicalIndication?: string;
  trademark?: string;
}

/** What the product form holds of a product: the fields a producer describes (photos and status have their own). */
export function formValuesOf(p: Product): ProductFormValues {
  return {
    nameVi: p.nameVi,
    nameEn: p.nameEn,
    productSet: p.productSet,
    descriptionVi: p.descriptionVi,
    descriptionEn: p.descriptionEn,
    gtins: p.gtins.map(displayGtin),
    ingredients: p.ingredients,
    allergens: p.allergens,
    shelfLifeDays: p.shelfLifeDays ?? null,
    geographicalIndication: p.geographicalIndication,
    trademark: p.trademark,
  };
}

export type ProductBody = Omit<CreateProduct, 'producerId'>;

/**
 * The body the catalogue's DTO validates. An emptied optional field is sent as null on an edit (the catalogue
 * clears it) and left out on a new product; blank GTIN boxes are not GTINs.
 */
export function productBody(values: ProductFormValues, editing: boolean): ProductBody {
  const text = (value: string | undefined) => {
    const trimmed = value?.trim();
    return trimmed ? trimmed : editing ? null : undefined;
  };
  return {
    nameVi: values.nameVi.trim(),
    nameEn: text(values.nameEn),
    productSet: values.productSet as number,
    descriptionVi: text(values.descriptionVi),
    descriptionEn: text(values.descriptionEn),
    gtins: (values.gtins ?? []).map((g) => g.trim()).filter(Boolean),
    ingredients: text(values.ingredients),
    allergens: (values.allergens ?? []) as ProductBody['allergens'],
    shelfLifeDays: values.shelfLifeDays ?? (editing ? null : undefined),
    geographicalIndication: text(values.geographicalIndication),
    trademark: text(values.trademark),
  } as ProductBody;
}

interface Props {
  product?: Product;
  submitLabel: string;
  onSubmit: (body: ProductBody) => Promise<void>;
}

/**
 * A product as its producer describes it, in the catalogue's words: the OCOP set by name, GTINs optional and
 * checked as typed, every problem the catalogue finds under the field it concerns.
 */
export function ProductForm({ product, submitLabel, onSubmit }: Props) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<ProductFormValues>();
  const [busy, setBusy] = useState(false);
  const [formProblem, setFormProblem] = useState<string>();
  const vocabularies = useVocabularies();
  const en = i18n.language === 'en';
  const tooLong = (max: number) => ({ max, message: t('products.form.tooLong', { max }) });

  async function submit(values: ProductFormValues) {
    setFormProblem(undefined);
    setBusy(true);
    try {
      await onSubmit(productBody(values, !!product));
    } catch (problem) {
      const { fields, message } = productProblem(t, problem, form.getFieldValue('gtins') ?? []);
      form.setFields(fields as Parameters<typeof form.setFields>[0]);
      setFormProblem(message);
      if (fields.length) form.scrollToField(fields[0].name, { focus: true });
    } finally {
      setBusy(false);
    }
  }

  const gtinRule = {
    validator: (_rule: unknown, value?: string) => {
      if (!value?.trim()) return Promise.reject(new Error(t('products.form.gtinRequired')));
      const check = checkGtin(value);
      if (check.ok) return Promise.resolve();
      if (check.problem === 'check-digit')
        return Promise.reject(new Error(t('products.form.gtinCheckDigit', { expected: check.expected })));
      return Promise.reject(
        new Error(
          t(check.problem === 'not-digits' ? 'products.form.gtinNotDigits' : 'products.form.gtinBadLength'),
        ),
      );
    },
  };

  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={submit}
      initialValues={product ? formValuesOf(product) : { gtins: [], allergens: [] }}
      scrollToFirstError={{ focus: true }}
      className="product-form"
    >
      {formProblem && <Alert type="error" showIcon title={formProblem} role="alert" className="form-alert" />}
      <Form.Item
        name="nameVi"
        label={t('products.form.nameVi')}
        extra={t('products.form.nameViHelp')}
        rules={[
          { required: true, whitespace: true, message: t('products.form.nameViRequired') },
          tooLong(200),
        ]}
      >
        <Input />
      </Form.Item>
      <Form.Item name="nameEn" label={t('products.form.nameEn')} rules={[tooLong(200)]}>
        <Input lang="en" />
      </Form.Item>
      <Form.Item
        name="productSet"
        label={t('products.form.productSet')}
        extra={t('products.form.productSetHelp')}
        rules={[{ required: true, message: t('products.form.productSetRequired') }]}
      >
        <ProductSetSelect />
      </Form.Item>

      <Form.List name="gtins">
        {(fields, { add, remove }) => (
          <fieldset className="product-gtins">
            <legend>{t('products.form.gtins')}</legend>
            {fields.length === 0 && <p>{t('products.form.gtinNone')}</p>}
            {fields.map((field, index) => (
              <Form.Item
                key={field.key}
                label={t('products.form.gtinLabel', { n: index + 1 })}
                htmlFor={`gtins_${field.name}`}
              >
                <Space.Compact block>
                  <Form.Item name={field.name} noStyle rules={[gtinRule]} validateTrigger="onBlur">
                    <Input id={`gtins_${field.name}`} inputMode="numeric" autoComplete="off" maxLength={20} />
                  </Form.Item>
                  <Button
                    icon={<DeleteOutlined aria-hidden="true" />}
                    aria-label={t('products.form.gtinRemove', { n: index + 1 })}
                    onClick={() => remove(field.name)}
                  />
                </Space.Compact>
              </Form.Item>
            ))}
            {fields.length < 20 && (
              <Button icon={<PlusOutlined aria-hidden="true" />} onClick={() => add('')}>
                {t('products.form.gtinAdd')}
              </Button>
            )}
            {product && product.warnings.length > 0 && (
              <Alert
                type="warning"
                showIcon
                className="product-gtin-warnings"
                title={t('products.form.warnings')}
                description={
                  <ul>
                    {product.warnings.map((w) => (
                      <li key={`${w.field}-${w.code}`}>{inLanguage(w.message) ?? w.message}</li>
                    ))}
                  </ul>
                }
              />
            )}
            <Collapse
              ghost
              size="small"
              items={[
                {
                  key: 'gtin',
                  label: t('products.form.gtinHelpTitle'),
                  children: (
                    <>
                      <p>{t('products.form.gtinHelpWhat')}</p>
                      <p>{t('products.form.gtinHelpWithout')}</p>
                      <p>{t('products.form.gtinHelpLater')}</p>
                      <p>{t('products.form.gtinHelpPrefix')}</p>
                    </>
                  ),
                },
              ]}
            />
          </fieldset>
        )}
      </Form.List>

      <Form.Item name="descriptionVi" label={t('products.form.descriptionVi')} rules={[tooLong(5000)]}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} />
      </Form.Item>
      <Form.Item name="descriptionEn" label={t('products.form.descriptionEn')} rules={[tooLong(5000)]}>
        <Input.TextArea lang="en" autoSize={{ minRows: 2, maxRows: 10 }} />
      </Form.Item>
      <Form.Item
        name="ingredients"
        label={t('products.form.ingredients')}
        extra={t('products.form.ingredientsHelp')}
        rules={[tooLong(2000)]}
      >
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
      </Form.Item>
      <Form.Item name="allergens" label={t('products.form.allergens')}>
        <Select
          mode="multiple"
          allowClear
          placeholder={t('products.form.allergensPlaceholder')}
          loading={vocabularies.isPending}
          options={(vocabularies.data?.allergens ?? []).map((a) => ({
            value: a.code,
            label: en ? a.nameEn : a.nameVi,
          }))}
          showSearch={{ optionFilterProp: 'label' }}
        />
      </Form.Item>
      <Form.Item
        name="shelfLifeDays"
        label={t('products.form.shelfLifeDays')}
        rules={[{ type: 'integer', min: 1, max: 3650, message: t('products.form.shelfLifeDaysRange') }]}
      >
        <InputNumber min={1} max={3650} precision={0} inputMode="numeric" />
      </Form.Item>
      <Form.Item
        name="geographicalIndication"
        label={t('products.form.geographicalIndication')}
        rules={[tooLong(200)]}
      >
        <Input />
      </Form.Item>
      <Form.Item name="trademark" label={t('products.form.trademark')} rules={[tooLong(200)]}>
        <Input />
      </Form.Item>
      <Button type="primary" htmlType="submit" size="large" loading={busy}>
        {submitLabel}
      </Button>
    </Form>
  );
}
