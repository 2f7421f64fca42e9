import {
  Map as MapLibreMap,
  NavigationControl,
  setWorkerUrl,
  type GeoJSONSource,
  type StyleSpecification,
} from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { Feature, FeatureCollection } from 'geojson';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { positionsOf, type Boundary, type PointGeometry, type Position } from './geometry';

export interface MapCanvasProps {
  boundary?: Boundary;
  point?: PointGeometry;
  /** Corners clicked so far while drawing: shown as dots joined by a line, closed once there are three. */
  drawing?: Position[];
  tileUrl: string;
  onMapClick?: (position: Position) => void;
  /** The device cannot draw WebGL: the caller shows a sketch instead. */
  onUnavailable: () => void;
}

// MapLibre finds its worker beside its own module, a path the build does not see: without it shapes (GeoJSON,
// parsed in the worker) never appear. The build ships the worker as an asset and MapLibre is told its address.
setWorkerUrl(workerUrl);

/** Bến Tre's centre, where a producer of the province starts drawing. */
const START: Position = [106.375, 10.24];

function styleFor(tileUrl: string): StyleSpecification {
  return {
    version: 8,
    sources: tileUrl ? { tiles: { type: 'raster', tiles: [tileUrl], tileSize: 256 } } : {},
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#eef3ee' } },
      ...(tileUrl ? [{ id: 'tiles', type: 'raster' as const, source: 'tiles' }] : []),
    ],
  };
}

function shapeData(props: MapCanvasProps): FeatureCollection {
  const features: Feature[] = [];
  if (props.boundary) features.push({ type: 'Feature', properties: {}, geometry: props.boundary });
  const drawing = props.drawing ?? [];
  if (drawing.length >= 3)
    features.push({
      type: 'Feature',
      properties: {},
      geometry: { type: 'Polygon', coordinates: [[...drawing, drawing[0]]] },
    });
  else if (drawing.length === 2)
    features.push({
      type: 'Feature',
      properties: {},
      geometry: { type: 'LineString', coordinates: drawing },
    });
  for (const corner of drawing)
    features.push({ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: corner } });
  if (props.point) features.push({ type: 'Feature', properties: {}, geometry: props.point });
  return { type: 'FeatureCollection', features };
}

/**
 * MapLibre with the deployment's tiles, or a plain background when none is configured (tests, no internet): the
 * shape is drawn either way. Loaded on demand (it is the largest script of the portal).
 */
export default function MapCanvas(props: MapCanvasProps) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<MapLibreMap | undefined>(undefined);
  const [ready, setReady] = useState(false);
  const [rendered, setRendered] = useState(0);
  const latest = useRef(props);
  latest.current = props;
  const { tileUrl } = props;

  useEffect(() => {
    if (!container.current) return;
    let created: MapLibreMap;
    try {
      created = new MapLibreMap({
        container: container.current,
        style: styleFor(tileUrl),
        center: START,
        zoom: 10,
        attributionControl: tileUrl ? { compact: true } : false,
        locale: {
          'NavigationControl.ZoomIn': t('areas.mapControls.zoomIn'),
          'NavigationControl.ZoomOut': t('areas.mapControls.zoomOut'),
          'NavigationControl.ResetBearing': t('areas.mapControls.resetBearing'),
          'Map.Title': t('areas.map.label'),
        },
      });
    } catch {
      latest.current.onUnavailable();
      return;
    }
    created.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    created.on('load', () => {
      created.addSource('shape', { type: 'geojson', data: shapeData(latest.current) });
      created.addLayer({
        id: 'shape-fill',
        type: 'fill',
        source: 'shape',
        filter: ['==', ['geometry-type'], 'Polygon'],
        paint: { 'fill-color': '#1f6f43', 'fill-opacity': 0.25 },
      });
      created.addLayer({
        id: 'shape-line',
        type: 'line',
        source: 'shape',
        filter: ['!=', ['geometry-type'], 'Point'],
        paint: { 'line-color': '#1f6f43', 'line-width': 2.5 },
      });
      created.addLayer({
        id: 'shape-points',
        type: 'circle',
        source: 'shape',
        filter: ['==', ['geometry-type'], 'Point'],
        paint: {
          'circle-radius': 6,
          'circle-color': '#ad4e00',
          'circle-stroke-color': '#fff',
          'circle-stroke-width': 2,
        },
      });
      setReady(true);
    });
    // How many shapes are on screen once the map settles: tests read it, since a canvas cannot be inspected.
    created.on('idle', () => {
      if (created.getLayer('shape-fill'))
        setRendered(
          created.queryRenderedFeatures({ layers: ['shape-fill', 'shape-line', 'shape-points'] }).length,
        );
    });
    created.on('click', (e) => latest.current.onMapClick?.([e.lngLat.lng, e.lngLat.lat]));
    map.current = created;
    return () => {
      created.remove();
      map.current = undefined;
      setReady(false);
    };
  }, [tileUrl, t]);

  const { boundary, point, drawing } = props;
  useEffect(() => {
    const m = map.current;
    if (!ready || !m) return;
    (m.getSource('shape') as GeoJSONSource | undefined)?.setData(
      shapeData({ ...latest.current, boundary, point, drawing }),
    );
  }, [ready, boundary, point, drawing]);

  // A shape that arrives whole (a file, a saved record, a GPS point) is brought into view; corners being drawn
  // are not, so that the map stays where the person is clicking.
  useEffect(() => {
    const m = map.current;
    if (!ready || !m) return;
    const positions = positionsOf({ boundary, point });
    if (positions.length === 0) return;
    const lons = positions.map((p) => p[0]);
    const lats = positions.map((p) => p[1]);
    m.fitBounds(
      [
        [Math.min(...lons), Math.min(...lats)],
        [Math.max(...lons), Math.max(...lats)],
      ],
      { padding: 40, maxZoom: 16, duration: 0 },
    );
  }, [ready, boundary, point]);

  return (
    <div
      ref={container}
      className="areas-map"
      data-ready={ready ? 'true' : 'false'}
      data-rendered-shapes={rendered}
    />
  );
}
