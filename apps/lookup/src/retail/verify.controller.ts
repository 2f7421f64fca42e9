import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation } from '@nestjs/swagger';
import { Roles } from '@ocop/auth';
import { Type } from 'class-transformer';
import { IsArray, IsString, MaxLength } from 'class-validator';
import { problem } from '../common/bilingual';
import { LookupConfig } from '../config';
import { MAX_URI_LENGTH, Resolution, verificationJson } from '../resolver/resolution';

export class VerifyCodesDto {
  /** GS1 Digital Link URIs (any resolver host); see the README. */
  @IsArray()
  @IsString({ each: true })
  @MaxLength(MAX_URI_LENGTH, { each: true })
  @Type(() => String)
  codes!: string[];
}

const PARALLEL = 8;

/** Retailers check a delivery in bulk: one answer per code, in the order given. Not counted as consumer scans. */
@Controller('verify')
export class VerifyController {
  constructor(
    private readonly resolution: Resolution,
    private readonly config: LookupConfig,
  ) {}

  @Post()
  @HttpCode(200)
  @Roles('retailer', 'officer', 'admin')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Verify up to VERIFY_MAX_CODES Digital Link URIs at once' })
  async verify(@Body() dto: VerifyCodesDto): Promise<{ results: object[] }> {
    if (dto.codes.length > this.config.VERIFY_MAX_CODES) {
      throw problem(
        'too-many-codes',
        413,
        `Tối đa ${this.config.VERIFY_MAX_CODES} mã mỗi lần`,
        `At most ${this.config.VERIFY_MAX_CODES} codes per request`,
        { max: this.config.VERIFY_MAX_CODES, received: dto.codes.length },
      );
    }
    const results: object[] = new Array(dto.codes.length);
    let next = 0;
    const worker = async () => {
      while (next < dto.codes.length) {
        const i = next++;
        results[i] = await this.one(dto.codes[i]);
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));
    return { results };
  }

  private async one(code: string): Promise<object> {
    const match = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#]+(.*)$/.exec(code.trim());
    const target = match ? match[1] : code.trim();
    const parsed = this.resolution.parse(target.startsWith('/') ? target : `/${target}`);
    if (!parsed.ok) {
      return {
        code,
        outcome: 'invalid',
        problem: { reason: parsed.problem.code, field: parsed.problem.field },
        reason: { vi: parsed.problem.vi, en: parsed.problem.en },
      };
    }
    const resolved = await this.resolution.resolve(parsed.link);
    return { ...verificationJson(resolved, this.resolution.anchor(parsed.link)), code };
  }
}
