import './products.css';
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, call } from '../../common/api/client';
import { usePageTitle } from '../../common/layout/usePageTitle';
import { useSession } from '../../common/session/session';
import { type Product, useProductChanged } from './product-api';
import { ProductForm } from './ProductForm';

/** A new product, saved as a draft; its page then takes photos and puts it on sale. */
export function Component() {
  const { t } = useTranslation();
  usePageTitle(t('products.newTitle'));
  const navigate = useNavigate();
  const changed = useProductChanged();
  const producerId = useSession().account?.producerId;

  return (
    <>
      <p>
        <Link to="/san-pham">← {t('products.back')}</Link>
      </p>
      <h1>{t('products.newTitle')}</h1>
      <p>{t('products.newIntro')}</p>
      {producerId ? (
        <ProductForm
          submitLabel={t('products.create')}
          onSubmit={async (body) => {
            // The session's own producer: the catalogue refuses any other for this account anyway.
            const product = (await call(
              api.POST('/api/catalogue/products', { body: { ...body, producerId } }),
            )) as unknown as Product;
            changed(product);
            navigate(`/san-pham/${product.productId}`, { state: { created: true } });
          }}
        />
      ) : (
        <Alert type="warning" showIcon title={t('products.noProducer')} />
      )}
    </>
  );
}
