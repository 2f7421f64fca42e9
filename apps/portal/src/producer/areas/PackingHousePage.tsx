import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { formatDateTime, formatNumber } from '../../common/format/format';
import { usePageTitle } from '../../common/layout/usePageTitle';
import type { PointGeometry } from './geometry';
import { useCommuneName } from './place';
import { SitePage } from './SitePage';
import { usePackingHouse, useSiteHistory } from './site-views';

/** One packing house: its code (or where the request stands), the review history, where it is and its details. */
export function Component() {
  const { t } = useTranslation();
  const { packingHouseId = '' } = useParams();
  const house = usePackingHouse(packingHouseId);
  const history = useSiteHistory('packing-house', packingHouseId);
  const h = house.data;
  usePageTitle(h?.name ?? t('areas.title'));
  const commune = useCommuneName(h?.place);
  return (
    <SitePage
      query={house}
      history={history}
      backTo="/vung-trong?loai=dong-goi"
      summary={
        h && {
          name: h.name,
          status: h.status,
          code: h.code,
          point: h.location as PointGeometry | undefined,
          exportCodes: h.exportCodes,
          details: [
            { label: t('areas.field.commune'), value: commune },
            ...(h.address ? [{ label: t('areas.field.address'), value: h.address }] : []),
            { label: t('areas.field.products'), value: h.products.join(', ') },
            ...(h.capacityTonnesPerDay !== undefined
              ? [{ label: t('areas.field.capacity'), value: formatNumber(h.capacityTonnesPerDay) }]
              : []),
            ...(h.location
              ? [
                  {
                    label: t('areas.field.point'),
                    value: `${h.location.coordinates[1]}, ${h.location.coordinates[0]}`,
                  },
                ]
              : []),
            { label: t('areas.registeredAt'), value: formatDateTime(h.createdAt) },
          ],
        }
      }
    />
  );
}
