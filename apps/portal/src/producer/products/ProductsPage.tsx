import './products.css';
import { PlusOutlined } from '@ant-design/icons';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Alert, Button, Empty, List, Rate, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, call } from '../../common/api/client';
import { problemMessage } from '../../common/api/problem';
import { LinkButton } from '../../common/layout/LinkButton';
import { usePageTitle } from '../../common/layout/usePageTitle';
import { useSession } from '../../common/session/session';
import { inLanguageOf, nameOf, photoSrc, type Product, productKeys } from './product-api';
import { StatusTag } from './ProductStatus';

const PAGE_SIZE = 50;

/** The producer's products, drafts included, each with its first photo, set, status and stars. */
export function Component() {
  const { t } = useTranslation();
  usePageTitle(t('products.listTitle'));
  const { account } = useSession();
  const producerId = account?.producerId ?? '';
  const products = useInfiniteQuery({
    queryKey: productKeys.pages(producerId),
    enabled: !!producerId,
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      (await call(
        api.GET('/api/catalogue/products', {
          params: { query: { producerId, limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      )) as unknown as { items: Product[]; nextCursor?: string },
    getNextPageParam: (last) => last.nextCursor,
  });
  const items = products.data?.pages.flatMap((p) => p.items) ?? [];
  const addButton = (label: string) => (
    <LinkButton type="primary" icon={<PlusOutlined aria-hidden="true" />} to="/san-pham/moi">
      {label}
    </LinkButton>
  );

  return (
    <>
      <div className="page-head">
        <h1>{t('products.listTitle')}</h1>
        {items.length > 0 && addButton(t('products.add'))}
      </div>
      <p>{t('products.listIntro')}</p>
      {!producerId ? (
        <Alert type="warning" showIcon title={t('products.noProducer')} />
      ) : products.isPending ? (
        <Skeleton active avatar paragraph={{ rows: 3 }} />
      ) : products.error ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={problemMessage(t, products.error)}
          action={<Button onClick={() => void products.refetch()}>{t('common.retry')}</Button>}
        />
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('products.empty')}>
          {addButton(t('products.addFirst'))}
        </Empty>
      ) : (
        <>
          <List
            className="product-list"
            dataSource={items}
            renderItem={(p) => {
              const thumb = p.images[0] && photoSrc(p.images[0].url, 320);
              return (
                <List.Item key={p.productId}>
                  <List.Item.Meta
                    avatar={
                      thumb ? (
                        // The name beside it says what it is: the picture adds nothing a screen reader should repeat.
                        <img
                          src={thumb}
                          alt=""
                          width={96}
                          height={72}
                          className="product-thumb"
                          loading="lazy"
                        />
                      ) : (
                        <div className="product-thumb product-thumb-empty" aria-hidden="true" />
                      )
                    }
                    title={<Link to={`/san-pham/${p.productId}`}>{nameOf(p)}</Link>}
                    description={
                      <>
                        <span className="product-set">
                          {inLanguageOf(p.productSetName)} · {inLanguageOf(p.productGroupName)}
                        </span>
                        <span className="product-meta">
                          <StatusTag status={p.status} />
                          {p.ocop ? (
                            <span>
                              <Rate disabled value={p.ocop.stars} count={5} aria-hidden="true" />
                              <span className="visually-hidden">
                                {t('products.stars', { count: p.ocop.stars })}
                              </span>
                            </span>
                          ) : (
                            <span>{t('products.notRated')}</span>
                          )}
                          {!thumb && <span>{t('products.noPhoto')}</span>}
                        </span>
                      </>
                    }
                  />
                </List.Item>
              );
            }}
          />
          {products.hasNextPage && (
            <Button onClick={() => void products.fetchNextPage()} loading={products.isFetchingNextPage}>
              {t('products.more')}
            </Button>
          )}
        </>
      )}
    </>
  );
}
