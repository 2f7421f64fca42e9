import { squareAt } from '../../test/fixtures';
import { boundaryAreaHa, boundaryProblem, BoundaryGeometry, relativeAreaGap } from './geojson-boundary';

describe('GeoJSON boundary', () => {
  it('measures a 100 m × 100 m square as 1 ha, within half a percent', () => {
    expect(boundaryAreaHa(squareAt(100))).toBeCloseTo(1, 2);
    expect(relativeAreaGap(1, boundaryAreaHa(squareAt(100)))).toBeLessThan(0.005);
  });

  it('subtracts holes and adds the polygons of a MultiPolygon', () => {
    const outer = squareAt(200).coordinates as number[][][];
    const hole = (squareAt(100, 106.1265, 10.2605).coordinates as number[][][])[0];
    expect(boundaryAreaHa({ type: 'Polygon', coordinates: [outer[0], hole] })).toBeCloseTo(3, 1);
    const multi: BoundaryGeometry = {
      type: 'MultiPolygon',
      coordinates: [
        squareAt(100).coordinates as number[][][],
        squareAt(100, 106.2).coordinates as number[][][],
      ],
    };
    expect(boundaryAreaHa(multi)).toBeCloseTo(2, 1);
  });

  it('does not depend on ring orientation', () => {
    const square = squareAt(100) as { type: 'Polygon'; coordinates: number[][][] };
    const reversed = { type: 'Polygon' as const, coordinates: [[...square.coordinates[0]].reverse()] };
    expect(boundaryAreaHa(reversed)).toBeCloseTo(boundaryAreaHa(square), 6);
  });

  it('says what is wrong with a malformed boundary', () => {
    expect(boundaryProblem({ type: 'Point', coordinates: [1, 2] })).toMatchObject({ path: '.type' });
    expect(
      boundaryProblem({
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [0, 0],
          ],
        ],
      })?.message,
    ).toMatch(/at least 4/);
    expect(
      boundaryProblem({
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 1],
          ],
        ],
      })?.message,
    ).toMatch(/end where it starts/);
    expect(
      boundaryProblem({
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [200, 0],
            [1, 1],
            [0, 0],
          ],
        ],
      }),
    ).toMatchObject({ path: '.coordinates[0][1]' });
    expect(boundaryProblem(squareAt(50))).toBeUndefined();
  });
});
