import { AimOutlined, ClearOutlined, UndoOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Input, Segmented, Tag, Upload } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../common/format/format';
import {
  boundaryAreaHa,
  boundaryFromPoints,
  inVietnam,
  parseShapeFile,
  ShapeFileError,
  type Boundary,
  type PointGeometry,
  type Position,
} from './geometry';
import { MapPreview } from './MapPreview';

/** What the form sends: a boundary (growing areas only) and/or one GPS point. */
export interface SiteLocation {
  boundary?: Boundary;
  point?: PointGeometry;
}

type Mode = 'draw' | 'file' | 'gps';

interface Props {
  id?: string;
  value?: SiteLocation;
  onChange?: (value: SiteLocation) => void;
  /** A growing area takes a boundary or a point; a packing house one point. */
  kind: 'growing-area' | 'packing-house';
  'aria-describedby'?: string;
}

/** "10,2415" as people in Viet Nam write it, or "10.2415". */
const decimal = (text: string): number | undefined => {
  const cleaned = text.trim().replace(',', '.');
  return cleaned === '' || !/^-?\d+(\.\d+)?$/.test(cleaned) ? undefined : Number(cleaned);
};

const round = (n: number) => Math.round(n * 1e6) / 1e6;

/**
 * Where a site is, three ways: corners clicked on a map, a GeoJSON or KML file, or a GPS point from the phone or
 * typed. The file and the typed point are the keyboard's way; the map shows whatever was given.
 */
export function LocationField({ id, value, onChange, kind, ...aria }: Props) {
  const { t } = useTranslation();
  const uid = useId();
  const [mode, setMode] = useState<Mode>(kind === 'growing-area' ? 'draw' : 'gps');
  const [drawing, setDrawing] = useState<Position[]>([]);
  const [fileNote, setFileNote] = useState<string>();
  const [problem, setProblem] = useState<string>();
  const [lat, setLat] = useState('');
  const [lon, setLon] = useState('');
  const [locating, setLocating] = useState(false);
  const [accuracy, setAccuracy] = useState<number>();
  const current = value ?? {};

  const change = (next: SiteLocation) => {
    setProblem(undefined);
    onChange?.(next);
  };

  const setPoint = (position: Position) =>
    change({ ...current, point: { type: 'Point', coordinates: [round(position[0]), round(position[1])] } });

  function draw(corners: Position[]) {
    setDrawing(corners);
    change({ ...current, boundary: boundaryFromPoints(corners) });
  }

  function clicked(position: Position) {
    if (mode !== 'draw') return;
    if (kind === 'packing-house') setPoint(position);
    else draw([...drawing, [round(position[0]), round(position[1])]]);
  }

  async function readFile(file: File) {
    setFileNote(undefined);
    try {
      const shape = parseShapeFile(file.name, await file.text());
      if (shape.kind === 'boundary') {
        if (kind === 'packing-house') throw new ShapeFileError('pointOnly');
        setDrawing([]);
        change({ ...current, boundary: shape.boundary });
      } else change({ ...current, point: shape.point });
      setFileNote(t('areas.file.read', { name: file.name }));
    } catch (err) {
      const why = err instanceof ShapeFileError ? err : new ShapeFileError('unreadable');
      setProblem(
        why.problem === 'notPolygonOrPoint' && !why.detail
          ? t('areas.fileProblem.notPolygonOrPointUnknown')
          : t(`areas.fileProblem.${why.problem}`, { type: why.detail }),
      );
    }
  }

  function applyTyped() {
    const [la, lo] = [decimal(lat), decimal(lon)];
    if (la === undefined || lo === undefined) return setProblem(t('areas.gps.missing'));
    if (Math.abs(la) > 90) return setProblem(t('areas.gps.badLatitude'));
    if (Math.abs(lo) > 180) return setProblem(t('areas.gps.badLongitude'));
    if (!inVietnam([lo, la])) return setProblem(t('areas.gps.outsideVietnam'));
    setAccuracy(undefined);
    setPoint([lo, la]);
  }

  function locate() {
    if (!navigator.geolocation) return setProblem(t('areas.gps.unsupported'));
    setLocating(true);
    setProblem(undefined);
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLocating(false);
        const { latitude, longitude } = position.coords;
        setLat(String(round(latitude)));
        setLon(String(round(longitude)));
        setAccuracy(Math.round(position.coords.accuracy));
        setPoint([longitude, latitude]);
      },
      (error) => {
        setLocating(false);
        setProblem(
          error.code === error.PERMISSION_DENIED ? t('areas.gps.denied') : t('areas.gps.unavailable'),
        );
      },
      { enableHighAccuracy: true, timeout: 20_000, maximumAge: 60_000 },
    );
  }

  const measured = current.boundary ? boundaryAreaHa(current.boundary) : undefined;
  const problemId = `${uid}-problem`;
  const describedBy = [aria['aria-describedby'], problem ? problemId : undefined].filter(Boolean).join(' ');

  return (
    <div id={id} tabIndex={-1} role="group" aria-describedby={describedBy || undefined}>
      <Segmented<Mode>
        aria-label={t('areas.locationMode.label')}
        value={mode}
        onChange={(next) => {
          setMode(next);
          setProblem(undefined);
        }}
        options={[
          {
            value: 'draw',
            label: kind === 'growing-area' ? t('areas.locationMode.draw') : t('areas.locationMode.drawPoint'),
          },
          { value: 'file', label: t('areas.locationMode.file') },
          { value: 'gps', label: t('areas.locationMode.gps') },
        ]}
        block
      />

      {mode === 'draw' && (
        <div className="areas-toolbar">
          <span>{kind === 'growing-area' ? t('areas.map.drawHelp') : t('areas.map.drawPointHelp')}</span>
          {kind === 'growing-area' && (
            <>
              <Tag>{t('areas.map.pointsCount', { count: drawing.length })}</Tag>
              <Button
                icon={<UndoOutlined aria-hidden />}
                disabled={drawing.length === 0}
                onClick={() => draw(drawing.slice(0, -1))}
              >
                {t('areas.map.undo')}
              </Button>
              <Button
                icon={<ClearOutlined aria-hidden />}
                disabled={drawing.length === 0}
                onClick={() => draw([])}
              >
                {t('areas.map.clear')}
              </Button>
            </>
          )}
        </div>
      )}

      {mode === 'file' && (
        <div className="areas-toolbar">
          <Upload
            accept=".geojson,.json,.kml,application/geo+json,application/vnd.google-earth.kml+xml"
            maxCount={1}
            showUploadList={false}
            beforeUpload={(file) => {
              void readFile(file);
              return false;
            }}
          >
            <Button icon={<UploadOutlined aria-hidden />}>{t('areas.file.choose')}</Button>
          </Upload>
          <span className="areas-map-caption">{t('areas.file.help')}</span>
          {fileNote && <span role="status">{fileNote}</span>}
        </div>
      )}

      {mode === 'gps' && (
        <div className="areas-toolbar">
          <Button icon={<AimOutlined aria-hidden />} onClick={locate} loading={locating}>
            {locating ? t('areas.gps.locating') : t('areas.gps.here')}
          </Button>
          <div className="areas-gps-fields">
            <div className="areas-gps-field">
              <label htmlFor={`${uid}-lat`}>{t('areas.gps.latitude')}</label>
              <Input
                id={`${uid}-lat`}
                inputMode="decimal"
                placeholder={t('areas.gps.latitudeHelp')}
                value={lat}
                onChange={(e) => setLat(e.target.value)}
                onPressEnter={(e) => {
                  e.preventDefault();
                  applyTyped();
                }}
              />
            </div>
            <div className="areas-gps-field">
              <label htmlFor={`${uid}-lon`}>{t('areas.gps.longitude')}</label>
              <Input
                id={`${uid}-lon`}
                inputMode="decimal"
                placeholder={t('areas.gps.longitudeHelp')}
                value={lon}
                onChange={(e) => setLon(e.target.value)}
                onPressEnter={(e) => {
                  e.preventDefault();
                  applyTyped();
                }}
              />
            </div>
            <Button onClick={applyTyped}>{t('areas.gps.use')}</Button>
          </div>
          {accuracy !== undefined && (
            <span className="areas-map-caption">{t('areas.gps.accuracy', { meters: accuracy })}</span>
          )}
        </div>
      )}

      {problem && (
        <p id={problemId} className="areas-field-error" role="alert">
          {problem}
        </p>
      )}

      <MapPreview
        boundary={drawing.length > 0 ? undefined : current.boundary}
        point={current.point}
        drawing={drawing}
        onMapClick={clicked}
      />

      {(current.boundary || current.point) && (
        <div className="areas-chosen">
          {current.boundary && measured !== undefined && (
            <span>
              {t('areas.chosen.boundary', { area: formatNumber(Math.round(measured * 100) / 100) })}{' '}
              <Button type="link" size="small" onClick={() => draw([])}>
                {t('areas.chosen.removeBoundary')}
              </Button>
            </span>
          )}
          {current.point && (
            <span>
              {t('areas.chosen.point', {
                lat: current.point.coordinates[1],
                lon: current.point.coordinates[0],
              })}{' '}
              <Button type="link" size="small" onClick={() => change({ ...current, point: undefined })}>
                {t('areas.chosen.removePoint')}
              </Button>
            </span>
          )}
        </div>
      )}
    </div>
  );
}
