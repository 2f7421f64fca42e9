import type { LabelTemplate } from './templates';

/**
 * The sheet or roll label drawn to scale, labels as boxes: what a person matches against the box of labels in
 * hand. Decorative; the option's text says the same in words.
 */
export function TemplatePicture({ template }: { template: LabelTemplate }) {
  const t = template;
  const boxes = [];
  for (let row = 0; row < t.rows; row++) {
    for (let column = 0; column < t.columns; column++) {
      boxes.push(
        <rect
          key={`${row}-${column}`}
          x={t.marginLeftMm + column * (t.labelWidthMm + t.gapXMm)}
          y={t.marginTopMm + row * t.labelHeightMm}
          width={t.labelWidthMm}
          height={t.labelHeightMm}
          rx={1.5}
        />,
      );
    }
  }
  return (
    <svg
      className={`template-picture template-picture-${t.kind}`}
      viewBox={`0 0 ${t.pageWidthMm} ${t.pageHeightMm}`}
      aria-hidden="true"
      focusable="false"
    >
      <rect className="template-page" x={0} y={0} width={t.pageWidthMm} height={t.pageHeightMm} />
      <g className="template-labels">{boxes}</g>
    </svg>
  );
}
