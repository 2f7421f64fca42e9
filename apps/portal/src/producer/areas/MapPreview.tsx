import { Skeleton } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Boundary, PointGeometry, Position } from './geometry';
import { ShapeSketch } from './ShapeSketch';
import { useMapTileUrl } from './site-views';
import './areas.css';

const MapCanvas = lazy(() => import('./MapCanvas'));

/** MapLibre needs WebGL 2; without it (old phones, some headless browsers) the sketch is shown at once. */
function webGlAvailable(): boolean {
  try {
    return !!document.createElement('canvas').getContext('webgl2');
  } catch {
    return false;
  }
}

interface Props {
  boundary?: Boundary;
  point?: PointGeometry;
  drawing?: Position[];
  onMapClick?: (position: Position) => void;
  /** Tells the form that clicking cannot draw here, so it offers the other ways. */
  onUnavailable?: () => void;
}

/** A map of a site's boundary or point, with a note when there is no background map to draw it on. */
export function MapPreview({ onUnavailable, ...shape }: Props) {
  const { t } = useTranslation();
  const tileUrl = useMapTileUrl();
  const [available, setAvailable] = useState(webGlAvailable);
  const unavailable = () => {
    setAvailable(false);
    onUnavailable?.();
  };
  if (!available || tileUrl === undefined)
    return (
      <figure className="areas-figure">
        {available ? (
          <Skeleton.Node active className="areas-map">
            <span className="visually-hidden">{t('areas.map.loading')}</span>
          </Skeleton.Node>
        ) : (
          <>
            <ShapeSketch {...shape} label={t('areas.map.label')} />
            <figcaption className="areas-map-caption">{t('areas.map.unavailable')}</figcaption>
          </>
        )}
      </figure>
    );
  return (
    <figure className="areas-figure">
      <div role="region" aria-label={t('areas.map.label')}>
        <Suspense fallback={<Skeleton.Node active className="areas-map" />}>
          <MapCanvas {...shape} tileUrl={tileUrl} onUnavailable={unavailable} />
        </Suspense>
      </div>
      {!tileUrl && <figcaption className="areas-map-caption">{t('areas.map.noTiles')}</figcaption>}
    </figure>
  );
}
