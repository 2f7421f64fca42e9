import { useParams } from 'react-router';
import { GrowingAreaDetails } from './SiteDetails';

/** One of the producer's growing areas: its code (or where the request stands), the review history, its details. */
export function Component() {
  const { growingAreaId = '' } = useParams();
  return <GrowingAreaDetails id={growingAreaId} backTo="/vung-trong" owner />;
}
