import { useTranslation } from 'react-i18next';
import { formatCalendarDate, formatNumber } from '../../common/format/format';

/**
 * Scans a day as bars, drawn in SVG (a chart library would cost the home page more script than everything else
 * on it). The same figures are in a table for screen readers.
 */
export function ScanChart({ days }: { days: { day: string; scans: number }[] }) {
  const { t } = useTranslation();
  const max = Math.max(1, ...days.map((d) => d.scans));
  const width = 100 / Math.max(1, days.length);
  return (
    <figure className="scan-chart">
      <svg viewBox="0 0 100 40" preserveAspectRatio="none" role="img" aria-hidden="true" focusable="false">
        {days.map((d, i) => {
          const h = (d.scans / max) * 36;
          return (
            <rect key={d.day} x={i * width + width * 0.15} y={40 - h} width={width * 0.7} height={h} rx={0.6}>
              <title>{`${formatCalendarDate(d.day)}: ${formatNumber(d.scans)}`}</title>
            </rect>
          );
        })}
      </svg>
      <figcaption className="scan-chart-caption">
        {t('producerHome.scansCaption', {
          total: formatNumber(days.reduce((n, d) => n + d.scans, 0)),
          days: days.length,
        })}
      </figcaption>
      {/* In a hidden box: a table ignores the height it is given, and a hidden one of 30 rows stretched the page. */}
      <div className="visually-hidden">
        <table>
          <caption>{t('producerHome.scansTable')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('producerHome.day')}</th>
              <th scope="col">{t('producerHome.scans')}</th>
            </tr>
          </thead>
          <tbody>
            {days.map((d) => (
              <tr key={d.day}>
                <td>{formatCalendarDate(d.day)}</td>
                <td>{d.scans}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}

/** The last `count` days in Viet Nam, oldest first, with the scans of each (0 where none). */
export function lastDays(
  rows: { day: string; scans: number }[],
  count: number,
  now = new Date(),
): { day: string; scans: number }[] {
  const byDay = new Map<string, number>();
  for (const r of rows) byDay.set(r.day, (byDay.get(r.day) ?? 0) + r.scans);
  const todayMs = Date.parse(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(now));
  return Array.from({ length: count }, (_, i) => {
    const day = new Date(todayMs - (count - 1 - i) * 86_400_000).toISOString().slice(0, 10);
    return { day, scans: byDay.get(day) ?? 0 };
  });
}
