import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor } from '@ocop/auth';
import { UnitMapId } from '@ocop/contracts';
import {
  certificateValidThrough,
  formatVietnameseDate,
  PRODUCER_TYPES,
  productGroup,
  productSet,
} from '@ocop/ocop-domain';
import { writeCsv } from '@ocop/service-kit';
import { DataSource } from 'typeorm';
import { adminUnits } from '@ocop/ocop-domain';
import { Producer } from '../producers/producer.entity';
import { ProducersService } from '../producers/producers.service';
import { ocopOf } from '../products/product-views';
import { Product } from '../products/product.entity';

export interface ExportFilter {
  unitMap: UnitMapId;
  district?: string;
  commune?: string;
  delimiter: ',' | ';';
}

const STATUS = { draft: 'Nháp', active: 'Đang bán', discontinued: 'Ngừng bán' } as const;
const PRODUCER_STATUS = {
  pending: 'Chờ xác minh',
  verified: 'Đã xác minh',
  'pending-reverification': 'Đã xác minh, chờ xác minh thay đổi',
  suspended: 'Tạm ngưng',
} as const;

/**
 * The catalogue as a spreadsheet, grouped by district (2022 map) or by commune (2025 map, which has no
 * districts), for the offices that report on it. Staff see their territory, drafts included.
 */
@Injectable()
export class CatalogueExportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly producers: ProducersService,
  ) {}

  async products(actor: Actor, filter: ExportFilter): Promise<string> {
    const withDistricts = filter.unitMap === 'bt-2022';
    const communeColumn = withDistricts ? 'p.bt2022_commune_code' : 'p.vl2025_commune_code';
    const qb = this.dataSource.manager
      .createQueryBuilder(Product, 'product')
      .innerJoinAndMapOne('product.producer', Producer, 'p', 'p.id = product.producer_id');
    this.producers.restrictToReadable(actor, qb);
    if (filter.district) qb.andWhere('p.bt2022_district_code = :district', { district: filter.district });
    if (filter.commune) qb.andWhere(`${communeColumn} = :commune`, { commune: filter.commune });
    if (withDistricts)
      qb.orderBy('p.bt2022_district_code', 'ASC', 'NULLS LAST').addOrderBy(
        communeColumn,
        'ASC',
        'NULLS LAST',
      );
    else qb.orderBy(communeColumn, 'ASC', 'NULLS LAST');
    const rows = (await qb
      .addOrderBy('p.name_folded', 'ASC')
      .addOrderBy('product.name_folded', 'ASC')
      .addOrderBy('product.id', 'ASC')
      .getMany()) as (Product & { producer: Producer })[];

    const units = adminUnits();
    const name = (code: string | null) => (code ? (units.unit(filter.unitMap, code)?.name ?? '') : '');
    const header = [
      ...(withDistricts ? ['Mã huyện / District code', 'Huyện / District'] : []),
      'Mã xã / Commune code',
      'Xã / Commune',
      'Chủ thể / Producer',
      'Loại chủ thể / Producer type',
      'Mã số thuế / Tax code',
      'Trạng thái chủ thể / Producer status',
      'Sản phẩm / Product',
      'Bộ sản phẩm / Product set',
      'Nhóm / Group',
      'GTIN',
      'Sao OCOP / OCOP stars',
      'Số giấy chứng nhận / Certificate no.',
      'Hiệu lực đến hết ngày / Valid through',
      'Trạng thái / Status',
      'Mã sản phẩm / Product id',
    ];
    const lines = rows.map(({ producer, ...product }) => {
      const district = producer.bt2022DistrictCode;
      const commune = withDistricts ? producer.bt2022CommuneCode : producer.vl2025CommuneCode;
      const ocop = ocopOf(product as Product);
      return [
        ...(withDistricts ? [district, name(district)] : []),
        commune,
        name(commune),
        producer.name,
        PRODUCER_TYPES.find((t) => t.code === producer.type)?.nameVi,
        producer.taxCode,
        PRODUCER_STATUS[producer.status],
        product.nameVi,
        `${product.productSet}. ${productSet(product.productSet)?.nameVi ?? ''}`,
        productGroup(product.productGroup).nameVi,
        product.gtins.join('; '),
        ocop?.stars,
        ocop?.certificateNumber,
        // The last valid day in Viet Nam, as the certificate prints it (decision 0035), not the instant's UTC day.
        ocop ? formatVietnameseDate(certificateValidThrough(ocop.expiresAt)) : undefined,
        STATUS[product.status],
        product.id,
      ];
    });
    return writeCsv([header, ...lines], { delimiter: filter.delimiter });
  }
}
