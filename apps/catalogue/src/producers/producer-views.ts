import { ApiExtraModels, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  PlaceV1,
  ProducerIdentityChangeV1,
  ProducerSnapshotV1,
  ProducerStatus,
  ProducerType,
  UnitMapId,
} from '@ocop/contracts';
import { PRODUCER_TYPE_CODES } from '@ocop/ocop-domain';
import { adminUnits, UNIT_MAPS } from '@ocop/ocop-domain';
import { Places } from '../common/access';
import { identityChanges, withPendingIdentity } from './producer-identity';
import { Producer } from './producer.entity';

/** The address under each map, from the roll-up columns written with the address. */
export function placesOf(p: Producer): Places {
  const [bt, vl] = UNIT_MAPS;
  const place = (provinceCode: string, districtCode: string | null, communeCode: string | null): PlaceV1 => ({
    provinceCode,
    ...(districtCode ? { districtCode } : {}),
    ...(communeCode ? { communeCode } : {}),
  });
  return {
    'bt-2022': place(bt.provinceCode, p.bt2022DistrictCode, p.bt2022CommuneCode),
    'vl-2025-07': place(vl.provinceCode, null, p.vl2025CommuneCode),
  };
}

const optional = <K extends string, V>(key: K, value: V | null | undefined): Partial<Record<K, V>> =>
  value === null || value === undefined ? {} : ({ [key]: value } as Record<K, V>);

/** The record (with the verified identity, while a change waits) and the waiting change, if any. */
export function producerSnapshot(p: Producer): ProducerSnapshotV1 {
  const pendingChange = pendingChangeOf(p);
  return { ...recordSnapshot(p), ...(pendingChange ? { pendingChange } : {}) };
}

export function pendingChangeOf(p: Producer): ProducerIdentityChangeV1 | undefined {
  if (!p.pendingIdentity || !p.pendingSince || !p.pendingBy) return undefined;
  const current = recordSnapshot(p);
  const asked = recordSnapshot(withPendingIdentity(p));
  return {
    type: asked.type,
    name: asked.name,
    ...optional('tradingName', asked.tradingName),
    ...optional('nameEn', asked.nameEn),
    ...optional('taxCode', asked.taxCode),
    legalRepresentative: asked.legalRepresentative,
    address: asked.address,
    changed: identityChanges(current, asked),
    requestedAt: p.pendingSince.toISOString(),
    requestedBy: p.pendingBy,
  };
}

function recordSnapshot(p: Producer): ProducerSnapshotV1 {
  return {
    producerId: p.id,
    type: p.type,
    name: p.name,
    ...optional('tradingName', p.tradingName),
    ...optional('nameEn', p.nameEn),
    ...optional('taxCode', p.taxCode),
    ...optional('gs1CompanyPrefix', p.gs1CompanyPrefix),
    legalRepresentative: {
      fullName: p.legalRepName,
      ...optional('position', p.legalRepPosition),
      woman: p.legalRepWoman,
      ethnicMinority: p.legalRepEthnicMinority,
    },
    address: {
      ...optional('street', p.street),
      unitMap: p.unitMap,
      ...optional('communeCode', p.communeCode),
      places: placesOf(p),
    },
    contact: {
      ...optional('phone', p.phone),
      ...optional('email', p.email),
      ...optional('website', p.website),
    },
    status: p.status,
    updatedAt: p.updatedAt.toISOString(),
  };
}

export class PlaceView {
  @ApiProperty({ example: '83' }) provinceCode!: string;
  @ApiPropertyOptional({ example: '832' }) districtCode?: string;
  @ApiPropertyOptional({ example: '28882' }) communeCode?: string;
}

// PlaceView is named only inside additionalProperties, which the document builder does not follow: without
// this, `places` would point at a schema the document lacks.
@ApiExtraModels(PlaceView)
export class AddressView {
  @ApiPropertyOptional() street?: string;
  @ApiProperty({ enum: UNIT_MAPS.map((m) => m.id) }) unitMap!: UnitMapId;
  @ApiPropertyOptional() communeCode?: string;
  @ApiPropertyOptional({ example: 'Xã Hòa Nghĩa' }) communeName?: string;
  @ApiPropertyOptional({ example: 'Huyện Chợ Lách' }) districtName?: string;
  @ApiProperty({
    description: 'Địa chỉ theo từng bản đồ / the place under each map',
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/PlaceView' },
  })
  places!: Record<UnitMapId, PlaceView>;
}

export class PendingChangeView {
  @ApiProperty({ enum: PRODUCER_TYPE_CODES }) type!: ProducerType;
  @ApiProperty() name!: string;
  @ApiPropertyOptional() tradingName?: string;
  @ApiPropertyOptional() nameEn?: string;
  @ApiPropertyOptional() taxCode?: string;
  @ApiProperty() legalRepresentative!: ProducerSnapshotV1['legalRepresentative'];
  @ApiProperty({ type: AddressView }) address!: AddressView;
  @ApiProperty({
    description: 'Các trường khác với bản đã xác minh / fields that differ from the verified ones',
  })
  changed!: string[];
  @ApiProperty() requestedAt!: string;
  @ApiProperty() requestedBy!: string;
}

export class ProducerView {
  @ApiProperty({ format: 'uuid' }) producerId!: string;
  @ApiProperty({ enum: PRODUCER_TYPE_CODES }) type!: ProducerType;
  @ApiProperty() name!: string;
  @ApiPropertyOptional() tradingName?: string;
  @ApiPropertyOptional() nameEn?: string;
  @ApiPropertyOptional() taxCode?: string;
  @ApiPropertyOptional() gs1CompanyPrefix?: string;
  @ApiProperty() legalRepresentative!: ProducerSnapshotV1['legalRepresentative'];
  @ApiProperty({ type: AddressView }) address!: AddressView;
  @ApiProperty() contact!: ProducerSnapshotV1['contact'];
  @ApiProperty({ enum: ['pending', 'verified', 'pending-reverification', 'suspended'] })
  status!: ProducerStatus;
  @ApiPropertyOptional() statusReason?: string;
  @ApiPropertyOptional({
    type: PendingChangeView,
    description:
      'Thay đổi danh tính chờ cán bộ xác minh; công chúng vẫn thấy thông tin đã xác minh / an identity change waiting for an officer; the public still sees the verified identity',
  })
  pendingChange?: PendingChangeView;
  @ApiPropertyOptional() statusChangedAt?: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}

export class ProducerPage {
  @ApiProperty({ type: ProducerView, isArray: true }) items!: ProducerView[];
  @ApiPropertyOptional() nextCursor?: string;
}

/** Names of the address's units, under the map it was recorded in. */
export function addressNames(p: Pick<Producer, 'unitMap' | 'communeCode'>): {
  communeName?: string;
  districtName?: string;
} {
  const commune = p.communeCode ? adminUnits().commune(p.unitMap, p.communeCode) : undefined;
  const district = commune?.districtCode ? adminUnits().unit(p.unitMap, commune.districtCode) : undefined;
  return { ...optional('communeName', commune?.name), ...optional('districtName', district?.name) };
}

export function producerView(p: Producer): ProducerView {
  const { pendingChange, ...snapshot } = producerSnapshot(p);
  return {
    ...snapshot,
    address: { ...snapshot.address, ...addressNames(p) },
    ...(pendingChange
      ? {
          pendingChange: {
            ...pendingChange,
            address: { ...pendingChange.address, ...addressNames(withPendingIdentity(p)) },
          },
        }
      : {}),
    ...optional('statusReason', p.statusReason),
    ...optional('statusChangedAt', p.statusChangedAt?.toISOString()),
    createdAt: p.createdAt.toISOString(),
  };
}
