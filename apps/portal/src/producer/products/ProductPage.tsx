import './products.css';
import { Alert, Rate, Skeleton } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { api, call } from '../../common/api/client';
import { ApiProblem, problemMessage } from '../../common/api/problem';
import { usePageTitle } from '../../common/layout/usePageTitle';
import { inLanguageOf, nameOf, type Product, useProduct, useProductChanged } from './product-api';
import { ProductForm } from './ProductForm';
import { ProductPhotos } from './ProductPhotos';
import { ProductStatusActions } from './ProductStatus';

/** One product: its photos, its status (on sale or not) and its details, each changed on its own. */
export function Component() {
  const { t } = useTranslation();
  const { productId = '' } = useParams();
  const location = useLocation();
  const product = useProduct(productId);
  const changed = useProductChanged();
  const [saved, setSaved] = useState(false);
  const created = (location.state as { created?: boolean } | null)?.created === true;
  usePageTitle(product.data ? nameOf(product.data) : t('products.detailsTitle'));

  const back = (
    <p>
      <Link to="/san-pham">← {t('products.back')}</Link>
    </p>
  );
  if (product.isPending)
    return (
      <>
        {back}
        <Skeleton active paragraph={{ rows: 6 }} />
      </>
    );
  if (product.error)
    return (
      <>
        {back}
        <h1>{t('products.detailsTitle')}</h1>
        <Alert
          type="error"
          showIcon
          role="alert"
          title={
            product.error instanceof ApiProblem && product.error.status === 404
              ? t('products.notFound')
              : problemMessage(t, product.error)
          }
        />
      </>
    );

  const p = product.data;
  return (
    <>
      {back}
      <h1>{nameOf(p)}</h1>
      <p className="product-set">
        {inLanguageOf(p.productSetName)} · {inLanguageOf(p.productGroupName)}
        {' · '}
        {p.ocop ? (
          <span>
            <Rate disabled value={p.ocop.stars} count={5} aria-hidden="true" />
            <span className="visually-hidden">{t('products.stars', { count: p.ocop.stars })}</span>
          </span>
        ) : (
          t('products.notRated')
        )}
      </p>
      {/* Said while the product is still the draft just saved: once on sale, the status card says so. */}
      {created && p.status === 'draft' && (
        <Alert type="success" showIcon title={t('products.created')} className="form-alert" />
      )}
      <ProductPhotos product={p} />
      <ProductStatusActions product={p} />
      <section aria-labelledby="product-details-title" className="panel product-section">
        <h2 id="product-details-title">{t('products.detailsTitle')}</h2>
        <p role="status" className="product-notice">
          {saved ? t('products.saved') : null}
        </p>
        <ProductForm
          key={p.productId}
          product={p}
          submitLabel={t('common.save')}
          onSubmit={async (body) => {
            setSaved(false);
            changed(
              (await call(
                api.PATCH('/api/catalogue/products/{productId}', {
                  params: { path: { productId } },
                  body,
                }),
              )) as unknown as Product,
            );
            setSaved(true);
          }}
        />
      </section>
    </>
  );
}
