import { DeleteOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Image, Input, Popconfirm, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../common/api/client';
import {
  nameOf,
  PHOTO_MAX_BYTES,
  PHOTO_TYPES,
  photoSrc,
  type Product,
  type ProductImage,
  uploadPhoto,
  useProductChanged,
} from './product-api';
import { productProblemMessage } from './product-problems';

/**
 * A product's photos: the ones it has (the first is the one shoppers see), each removable; a new one uploaded
 * with its description for screen readers, the upload's progress shown as it goes.
 */
export function ProductPhotos({ product }: { product: Product }) {
  const { t } = useTranslation();
  const changed = useProductChanged();
  const [caption, setCaption] = useState('');
  const [uploads, setUploads] = useState<UploadFile[]>([]);
  const [problem, setProblem] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [removing, setRemoving] = useState<string>();
  const name = nameOf(product);

  const update = (uid: string, change: Partial<UploadFile>) =>
    setUploads((list) => list.map((f) => (f.uid === uid ? { ...f, ...change } : f)));

  async function remove(image: ProductImage) {
    setProblem(undefined);
    setNotice(undefined);
    setRemoving(image.url);
    try {
      const images = product.images.filter((i) => i.url !== image.url);
      changed(
        (await call(
          api.PATCH('/api/catalogue/products/{productId}', {
            params: { path: { productId: product.productId } },
            body: { images } as never,
          }),
        )) as unknown as Product,
      );
      setNotice(t('products.photos.removed'));
    } catch (err) {
      setProblem(productProblemMessage(t, err));
    } finally {
      setRemoving(undefined);
    }
  }

  return (
    <section aria-labelledby="product-photos-title" className="panel product-section">
      <h2 id="product-photos-title">{t('products.photos.title')}</h2>
      <p>{t('products.photos.intro')}</p>
      {product.images.length === 0 ? (
        <p className="product-muted">{t('products.photos.none')}</p>
      ) : (
        <ul className="product-photos">
          {product.images.map((image, index) => {
            const small = photoSrc(image.url, 320);
            return (
              <li key={image.url} className="product-photo">
                {small ? (
                  <Image
                    src={small}
                    width={160}
                    height={120}
                    alt={image.caption || t('products.photos.photoOf', { name })}
                    preview={{ src: photoSrc(image.url, 1280) }}
                  />
                ) : (
                  <a href={image.url} target="_blank" rel="noreferrer">
                    {t('products.photos.external')}
                  </a>
                )}
                <div className="product-photo-caption">
                  {index === 0 && <strong>{t('products.photos.first')}</strong>}
                  {image.caption && <span>{image.caption}</span>}
                </div>
                <Popconfirm
                  title={t('products.photos.removeConfirm')}
                  okText={t('common.yes')}
                  cancelText={t('common.no')}
                  onConfirm={() => remove(image)}
                >
                  <Button
                    size="small"
                    danger
                    loading={removing === image.url}
                    icon={<DeleteOutlined aria-hidden="true" />}
                  >
                    {t('products.photos.remove')}
                  </Button>
                </Popconfirm>
              </li>
            );
          })}
        </ul>
      )}

      <p role="status" className="product-notice">
        {notice}
      </p>
      {problem && <Alert type="error" showIcon title={problem} role="alert" className="form-alert" />}
      <Form layout="vertical" className="product-photo-upload">
        <Form.Item
          label={t('products.photos.caption')}
          extra={t('products.photos.captionHelp')}
          htmlFor="photo-caption"
        >
          <Input
            id="photo-caption"
            value={caption}
            maxLength={200}
            onChange={(e) => setCaption(e.target.value)}
          />
        </Form.Item>
        <Upload
          accept={PHOTO_TYPES.join(',')}
          listType="picture"
          fileList={uploads}
          showUploadList={{ showRemoveIcon: false }}
          beforeUpload={(file) => {
            setProblem(undefined);
            setNotice(undefined);
            if (!PHOTO_TYPES.includes(file.type)) {
              setProblem(t('products.photos.wrongType'));
              return Upload.LIST_IGNORE;
            }
            if (file.size > PHOTO_MAX_BYTES) {
              setProblem(t('products.photos.tooBig'));
              return Upload.LIST_IGNORE;
            }
            setUploads((list) => [
              ...list,
              { uid: file.uid, name: file.name, status: 'uploading', percent: 0, originFileObj: file },
            ]);
            return true;
          }}
          customRequest={({ file, onProgress, onSuccess, onError }) => {
            const upload = file as File & { uid: string };
            uploadPhoto(product.productId, upload, caption.trim() || undefined, (percent) => {
              onProgress?.({ percent });
              update(upload.uid, { percent });
            })
              .then((updated) => {
                onSuccess?.(updated);
                setUploads((list) => list.filter((f) => f.uid !== upload.uid));
                setCaption('');
                changed(updated);
                setNotice(t('products.photos.uploaded'));
              })
              .catch((err: unknown) => {
                onError?.(err as Error);
                setUploads((list) => list.filter((f) => f.uid !== upload.uid));
                setProblem(productProblemMessage(t, err));
              });
          }}
        >
          {/* Upload's own wrapper is the button (role, focus, keys): a <button> inside it would nest two controls. */}
          <span className="product-upload-button">
            <UploadOutlined aria-hidden="true" /> {t('products.photos.choose')}
          </span>
        </Upload>
        <p className="product-muted">{t('products.photos.chooseHelp')}</p>
      </Form>
    </section>
  );
}
