import { UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Skeleton } from 'antd';
import { type ChangeEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, fieldMessages, problemMessage } from '../../common/api/problem';
import { formatDateTime, formatNumber } from '../../common/format/format';
import { useSession } from '../../common/session/session';
import {
  type Boundaries,
  type Kpis,
  loadBoundaries,
  type UnitMap,
  useBoundaries,
  useDistrictNames,
} from './goals-views';

/** The map's drawing width in SVG units; its height follows the province's shape. */
const WIDTH = 1000;

/**
 * Longitude and latitude to the drawing: an equirectangular projection with longitudes shortened by the cosine of
 * the middle latitude, which at a province's size (a degree or two) is as true as any map projection shows.
 */
function projection(boundaries: Boundaries) {
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const f of boundaries.features)
    for (const polygon of f.geometry.coordinates)
      for (const [x, y] of polygon[0]) {
        minX = Math.min(minX, x);
        maxX = Math.max(maxX, x);
        minY = Math.min(minY, y);
        maxY = Math.max(maxY, y);
      }
  const k = Math.cos((((minY + maxY) / 2) * Math.PI) / 180);
  const scale = WIDTH / Math.max(1e-9, (maxX - minX) * k);
  const point = ([x, y]: number[]) =>
    `${((x - minX) * k * scale).toFixed(1)},${((maxY - y) * scale).toFixed(1)}`;
  return {
    height: Math.ceil((maxY - minY) * scale),
    path: (polygons: number[][][][]) =>
      polygons.map((rings) => rings.map((ring) => `M${ring.map(point).join('L')}Z`).join('')).join(''),
  };
}

function BoundaryMap({ kpis, boundaries }: { kpis: Kpis; boundaries: Boundaries }) {
  const { t } = useTranslation();
  const titleId = useId();
  const covered = new Set(kpis.byCommune.map((c) => c.code));
  const { height, path } = projection(boundaries);
  const drawn = new Set(boundaries.features.map((f) => f.properties.code));
  const notDrawn = [...kpis.byCommune, ...kpis.coverage.uncovered].filter((c) => !drawn.has(c.code)).length;
  return (
    <>
      <svg
        className="goals-map"
        viewBox={`-2 -2 ${WIDTH + 4} ${height + 4}`}
        role="img"
        aria-labelledby={titleId}
        data-testid="coverage-map"
      >
        <title id={titleId}>
          {t('goals.gridLabel', { covered: kpis.coverage.covered, total: kpis.coverage.total })}
        </title>
        {boundaries.features.map((f) => (
          <path
            key={f.properties.code}
            d={path(f.geometry.coordinates)}
            className={covered.has(f.properties.code) ? 'goals-map-unit goals-map-covered' : 'goals-map-unit'}
            data-code={f.properties.code}
          >
            <title>{f.properties.name}</title>
          </path>
        ))}
      </svg>
      {notDrawn > 0 && <p className="muted">{t('goals.notDrawn', { count: notDrawn })}</p>}
    </>
  );
}

/**
 * Without the province's unit boundaries the map is a schematic grid: one square per commune, filled when it has a
 * 3★+ product, grouped by district where the map has districts. The grid is a picture; the list of communes still
 * without a product, under it, is what a screen reader and an officer act on.
 */
function CoverageGrid({ kpis }: { kpis: Kpis }) {
  const { t } = useTranslation();
  const covered = new Set(kpis.byCommune.map((c) => c.code));
  const all = [...kpis.byCommune, ...kpis.coverage.uncovered].sort((a, b) => a.code.localeCompare(b.code));
  const groups = new Map<string, typeof all>();
  for (const c of all) {
    const key = c.districtCode ?? '';
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  const districtName = useDistrictNames(kpis.map).data;
  return (
    <div
      className="goals-grid"
      role="img"
      aria-label={t('goals.gridLabel', { covered: kpis.coverage.covered, total: kpis.coverage.total })}
    >
      {[...groups].map(([district, communes]) => (
        <div key={district || 'all'} className="goals-grid-group">
          {district && <div className="goals-grid-name">{districtName?.get(district) ?? district}</div>}
          <div className="goals-grid-cells">
            {communes.map((c) => (
              <span
                key={c.code}
                className={covered.has(c.code) ? 'goals-cell goals-cell-covered' : 'goals-cell'}
                title={c.name}
              />
            ))}
          </div>
        </div>
      ))}
    </div>
  );
}

/** An admin loads the province's GeoJSON of its communes for this map (replacing any loaded before). */
function BoundariesUpload({ map, loadedAt }: { map: UnitMap; loadedAt?: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [fileError, setFileError] = useState<string>();
  const errorId = useId();
  const load = useMutation({
    mutationFn: (body: unknown) => loadBoundaries(map, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['admin-units', map, 'boundaries'] }),
  });
  const choose = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    setFileError(undefined);
    load.reset();
    let body: unknown;
    try {
      body = JSON.parse(await file.text());
    } catch {
      setFileError(t('goals.boundaries.notJson', { name: file.name }));
      return;
    }
    load.mutate(body);
  };
  const problems = load.error ? fieldMessages(t, load.error) : {};
  const listed = Object.entries(problems);
  const message =
    fileError ??
    (load.error
      ? load.error instanceof ApiProblem && listed.length
        ? t('goals.boundaries.refused')
        : problemMessage(t, load.error)
      : undefined);
  return (
    <div className="goals-boundaries">
      <p className="muted">
        {loadedAt
          ? t('goals.boundaries.loadedAt', { at: formatDateTime(loadedAt) })
          : t('goals.boundaries.none')}
      </p>
      <input
        ref={input}
        type="file"
        accept=".geojson,.json,application/geo+json,application/json"
        hidden
        onChange={(e) => void choose(e)}
        data-testid="boundaries-file"
      />
      <Button
        icon={<UploadOutlined aria-hidden />}
        loading={load.isPending}
        onClick={() => input.current?.click()}
        aria-describedby={message ? errorId : undefined}
      >
        {t('goals.boundaries.load')}
      </Button>
      <p className="muted">{t('goals.boundaries.help')}</p>
      {load.isSuccess && (
        <Alert
          type="success"
          showIcon
          role="status"
          title={t('goals.boundaries.loaded', {
            communes: formatNumber(load.data.communes),
            missing: formatNumber(load.data.missing.length),
          })}
        />
      )}
      {message && (
        <div id={errorId} role="alert" className="goals-boundaries-error">
          <p>{message}</p>
          {listed.length > 0 && (
            <ul>
              {listed.map(([field, text]) => (
                <li key={field}>
                  <code>{field}</code>: {text}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}

/**
 * Coverage on the map of the communes: their boundaries when the province has loaded them (GeoJSON, per map), a
 * schematic grid otherwise; the communes still without a product listed under it. Admins load the boundaries here.
 */
export function CoverageMap({ kpis }: { kpis: Kpis }) {
  const { t } = useTranslation();
  const { account } = useSession();
  const boundaries = useBoundaries(kpis.map);
  return (
    <>
      {boundaries.isPending ? (
        <Skeleton active paragraph={{ rows: 4 }} />
      ) : boundaries.data ? (
        <BoundaryMap kpis={kpis} boundaries={boundaries.data} />
      ) : (
        <>
          {boundaries.error && <Alert type="warning" showIcon title={problemMessage(t, boundaries.error)} />}
          <CoverageGrid kpis={kpis} />
        </>
      )}
      <p className="goals-legend">
        <span className="goals-cell goals-cell-covered" aria-hidden="true" /> {t('goals.legendCovered')}{' '}
        <span className="goals-cell" aria-hidden="true" /> {t('goals.legendUncovered')}
      </p>
      <details className="goals-uncovered">
        <summary>{t('goals.uncoveredList', { count: kpis.coverage.uncovered.length })}</summary>
        <ul>
          {kpis.coverage.uncovered.map((c) => (
            <li key={c.code}>{c.name}</li>
          ))}
        </ul>
      </details>
      {account?.roles.includes('admin') && (
        <BoundariesUpload map={kpis.map} loadedAt={boundaries.data?.loadedAt} />
      )}
    </>
  );
}
