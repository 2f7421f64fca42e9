import { Alert, Radio, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../common/format/format';
import type { Choices, ScoringSheet, SheetCriterion } from './rating-views';
import { criteriaOf, summarise } from './sheet-scoring';
import './rating.css';

export interface ScoringSheetFormProps {
  sheet: ScoringSheet;
  value: Choices;
  onChange?: (next: Choices) => void;
  readOnly?: boolean;
  /** The dossier's alternative, on a sheet that offers several (set 26): only its criteria are shown. */
  caseCode?: string | null;
  /** A message under a criterion, by its key (e.g. the service said it is not answered). */
  errors?: Record<string, string>;
}

const domId = (key: string) => `criterion-${key.replace(/\./g, '-')}`;

/**
 * A scoring sheet ("phiếu đánh giá") as a form: one radio group per criterion, its options with their points and
 * minimum-star markers, and a running total that stays in view with the star it implies and the markers that
 * cap it. The producer's self-assessment uses it; so will the council's scoresheet. Parts are h3 and sections h4:
 * the form always stands under a page section's h2.
 */
export function ScoringSheetForm({
  sheet,
  value,
  onChange,
  readOnly = false,
  caseCode,
  errors = {},
}: ScoringSheetFormProps) {
  const { t } = useTranslation();
  const summary = summarise(sheet, value, caseCode);
  const capped = new Set(summary.caps.map((c) => c.criterionKey));
  const points = (n: number) => t('rating.sheet.points', { count: n, points: formatNumber(n) });

  const choose = (criterion: SheetCriterion, index: number) =>
    onChange?.({ ...value, [criterion.key]: index });

  const shown = new Set(criteriaOf(sheet, caseCode).map((c) => c.key));

  return (
    <div className="sheet-form">
      <div className="sheet-total" role="status" aria-live="polite" aria-atomic="true">
        <p className="sheet-total-line">
          <strong>{t('rating.sheet.total', { total: formatNumber(summary.total) })}</strong>
          <span className="sheet-total-parts">
            {sheet.parts
              .map((p) => `${p.code} ${formatNumber(summary.parts[p.code])}/${p.maxPoints}`)
              .join(' · ')}
          </span>
        </p>
        <p className="sheet-total-line">
          <strong>{t('rating.sheet.implies', { count: summary.stars })}</strong>
          <span>{t('rating.sheet.answered', { answered: summary.answered, total: summary.criteria })}</span>
        </p>
        {summary.caps.length > 0 && (
          <p className="sheet-cap">
            {t('rating.sheet.capped', {
              band: summary.bandStars,
              stars: summary.stars,
              criteria: [...capped].join(', '),
            })}
          </p>
        )}
      </div>

      {!readOnly && <p className="sheet-legend">{t('rating.sheet.legend')}</p>}

      {sheet.parts.map((part) => (
        <section key={part.code} className="sheet-part" aria-labelledby={`part-${part.code}`}>
          <h3 id={`part-${part.code}`}>
            {t('rating.sheet.part', {
              code: part.code,
              title: t(`rating.sheet.partName.${part.code}`),
              points: formatNumber(summary.parts[part.code]),
              max: part.maxPoints,
            })}
          </h3>
          {part.sections.map((section) => {
            const criteria = section.criteria.filter((c) => shown.has(c.key));
            if (!criteria.length) return null;
            return (
              <div key={section.title} className="sheet-section">
                <h4>{section.title}</h4>
                {criteria.map((criterion, i) => {
                  const headingChanged = criterion.heading && criterion.heading !== criteria[i - 1]?.heading;
                  const labelId = `${domId(criterion.key)}-label`;
                  const errorId = `${domId(criterion.key)}-error`;
                  const error = errors[criterion.key];
                  const choice = value[criterion.key];
                  const cap = summary.caps.find((c) => c.criterionKey === criterion.key);
                  return (
                    <div
                      key={criterion.key}
                      id={domId(criterion.key)}
                      className={`criterion${error ? ' criterion-error' : ''}`}
                    >
                      {headingChanged && <p className="criterion-heading">{criterion.heading}</p>}
                      <p id={labelId} className="criterion-title">
                        <span className="criterion-key">{criterion.key}</span> {criterion.title}{' '}
                        <span className="criterion-max">({points(criterion.maxPoints)})</span>
                      </p>
                      {criterion.description && (
                        <p className="criterion-description">{criterion.description}</p>
                      )}
                      {criterion.minStars && (
                        <p className="criterion-marker">
                          <Tag color="#874d00">{t('rating.sheet.marker', { stars: criterion.minStars })}</Tag>
                          {t('rating.sheet.criterionMarker', { stars: criterion.minStars })}
                        </p>
                      )}
                      <Radio.Group
                        name={criterion.key}
                        aria-labelledby={labelId}
                        aria-describedby={error || cap ? errorId : undefined}
                        aria-invalid={error ? true : undefined}
                        value={choice ?? undefined}
                        disabled={readOnly}
                        onChange={(e) => choose(criterion, e.target.value as number)}
                        className="criterion-options"
                      >
                        {criterion.options.map((option) => (
                          <Radio key={option.index} value={option.index}>
                            <span className="option-text">{option.text}</span>{' '}
                            <span className="option-points">· {points(option.points)}</span>
                            {option.minStars && (
                              <Tag color="#874d00" className="option-marker">
                                {t('rating.sheet.marker', { stars: option.minStars })}
                              </Tag>
                            )}
                          </Radio>
                        ))}
                      </Radio.Group>
                      {error ? (
                        <p id={errorId} className="criterion-message criterion-message-error">
                          {error}
                        </p>
                      ) : cap ? (
                        <Alert
                          id={errorId}
                          type="warning"
                          showIcon
                          className="criterion-message"
                          title={t('rating.sheet.capHere', {
                            needed: cap.requiredStars,
                            stars: cap.requiredStars - 1,
                            option: cap.requiredOption ?? '',
                          })}
                        />
                      ) : null}
                    </div>
                  );
                })}
              </div>
            );
          })}
        </section>
      ))}
    </div>
  );
}
