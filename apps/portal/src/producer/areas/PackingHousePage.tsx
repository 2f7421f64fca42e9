import { useParams } from 'react-router';
import { PackingHouseDetails } from './SiteDetails';

/** One of the producer's packing houses: its code (or where the request stands), the review history, its details. */
export function Component() {
  const { packingHouseId = '' } = useParams();
  return <PackingHouseDetails id={packingHouseId} backTo="/vung-trong?loai=dong-goi" owner />;
}
