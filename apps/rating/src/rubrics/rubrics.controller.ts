import { Controller, Get, Inject, Param, ParseIntPipe } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@ocop/service-kit';
import { RubricCatalog } from './rubric-catalog';

/** The scoring sheets are public law; anyone may read them and their validation report. */
@ApiTags('rubrics')
@Public()
@Controller('rubrics')
export class RubricsController {
  constructor(@Inject(RubricCatalog) private readonly catalog: RubricCatalog) {}

  @Get()
  @ApiOperation({ summary: 'Các phiên bản bộ tiêu chí / Rubric versions' })
  versions() {
    const validation = this.catalog.validation();
    return this.catalog.versions().map(({ spec }) => {
      const v = validation.find((x) => x.version === spec.id);
      return {
        version: spec.id,
        nameVi: spec.nameVi,
        nameEn: spec.nameEn,
        legalBasis: spec.legalBasis,
        partMaxima: spec.partMaxima,
        usableSets: v?.usableSets ?? [],
        unusableSets: v?.unusableSets ?? [],
      };
    });
  }

  @Get('validation')
  @ApiOperation({
    summary:
      'Kiểm tra phiếu đánh giá: bộ nào không cộng đúng điểm / Sheet validation: sets that do not add up',
  })
  validation() {
    return this.catalog.validation();
  }

  @Get(':version/sets/:setNo')
  @ApiOperation({ summary: 'Phiếu đánh giá của một bộ sản phẩm / The scoring sheet of a product set' })
  set(@Param('version') version: string, @Param('setNo', ParseIntPipe) setNo: number) {
    return this.catalog.set(version, setNo);
  }
}
