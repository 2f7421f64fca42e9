import { positionsOf, type Boundary, type PointGeometry, type Position } from './geometry';

/**
 * The shape alone, in SVG, where WebGL is not available: longitudes are narrowed by the cosine of the latitude so
 * that a square field looks square.
 */
export function ShapeSketch({
  boundary,
  point,
  label,
}: {
  boundary?: Boundary;
  point?: PointGeometry;
  label: string;
}) {
  const positions = positionsOf({ boundary, point });
  if (positions.length === 0) return <div className="areas-map areas-sketch" role="img" aria-label={label} />;
  const lats = positions.map((p) => p[1]);
  const scale = Math.cos((((Math.min(...lats) + Math.max(...lats)) / 2) * Math.PI) / 180);
  const xs = positions.map((p) => p[0] * scale);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...lats), Math.max(...lats)];
  const span = Math.max(maxX - minX, maxY - minY) || 0.001;
  const project = ([lon, lat]: Position) =>
    `${(5 + ((lon * scale - minX) / span) * 90).toFixed(2)},${(95 - ((lat - minY) / span) * 90).toFixed(2)}`;
  const polygons = !boundary
    ? []
    : boundary.type === 'Polygon'
      ? [boundary.coordinates]
      : boundary.coordinates;
  return (
    <svg className="areas-map areas-sketch" viewBox="0 0 100 100" role="img" aria-label={label}>
      {polygons.map((rings, i) => (
        <path
          key={i}
          d={rings.map((ring) => `M${ring.map(project).join('L')}Z`).join(' ')}
          fillRule="evenodd"
          fill="#1f6f43"
          fillOpacity={0.25}
          stroke="#1f6f43"
          strokeWidth={0.8}
        />
      ))}
      {point && (
        <circle
          cx={project(point.coordinates).split(',')[0]}
          cy={project(point.coordinates).split(',')[1]}
          r={2}
          fill="#ad4e00"
          stroke="#fff"
          strokeWidth={0.6}
        />
      )}
    </svg>
  );
}
