import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { formatDateTime, formatNumber } from '../../common/format/format';
import { usePageTitle } from '../../common/layout/usePageTitle';
import type { Boundary, PointGeometry } from './geometry';
import { useCommuneName } from './place';
import { SitePage } from './SitePage';
import { useGrowingArea, useSiteHistory } from './site-views';

/** One growing area: its code (or where the request stands), the review history, where it is and its details. */
export function Component() {
  const { t } = useTranslation();
  const { growingAreaId = '' } = useParams();
  const area = useGrowingArea(growingAreaId);
  const history = useSiteHistory('growing-area', growingAreaId);
  const a = area.data;
  usePageTitle(a?.name ?? t('areas.title'));
  const commune = useCommuneName(a?.place);
  return (
    <SitePage
      query={area}
      history={history}
      backTo="/vung-trong"
      summary={
        a && {
          name: a.name,
          status: a.status,
          code: a.code,
          boundary: a.boundary as Boundary | undefined,
          point: a.location as PointGeometry | undefined,
          exportCodes: a.exportCodes,
          details: [
            { label: t('areas.field.commune'), value: commune },
            { label: t('areas.field.crop'), value: `${a.crop} · ${a.variety}` },
            { label: t('areas.field.cropCycle'), value: t(`areas.cropCycle.${a.cropCycle}`) },
            { label: t('areas.field.areaHa'), value: formatNumber(a.areaHa) },
            ...(a.boundaryAreaHa !== undefined
              ? [{ label: t('areas.field.boundaryAreaHa'), value: formatNumber(a.boundaryAreaHa) }]
              : []),
            {
              label: t('areas.field.standard'),
              value: [t(`areas.standard.${a.standard}`), a.standardDetail].filter(Boolean).join(' · '),
            },
            { label: t('areas.field.expectedYield'), value: formatNumber(a.expectedYieldTonnesPerYear) },
            { label: t('areas.field.facilityName'), value: a.facilityName },
            ...(a.traceabilityNote
              ? [{ label: t('areas.field.traceabilityNote'), value: a.traceabilityNote }]
              : []),
            ...(a.location
              ? [
                  {
                    label: t('areas.field.point'),
                    value: `${a.location.coordinates[1]}, ${a.location.coordinates[0]}`,
                  },
                ]
              : []),
            { label: t('areas.registeredAt'), value: formatDateTime(a.createdAt) },
          ],
        }
      }
    />
  );
}
