import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsArray, IsInt, IsISO8601, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { bilingual } from '../../common/bilingual';

export const MAX_PER_PAGE = 1000;

/**
 * A list parameter as EPCIS REST clients send it: repeated (?EQ_bizStep=a&EQ_bizStep=b) or pipe-separated
 * (?EQ_bizStep=a|b). Commas also separate words for the vocabulary parameters, whose values are never URIs with
 * commas in them.
 */
const list = (separators: RegExp) =>
  Transform(({ value }: { value: unknown }) =>
    (Array.isArray(value) ? value : [value])
      .flatMap((v) => String(v).split(separators))
      .map((v) => v.trim())
      .filter(Boolean),
  );

const words = () => list(/[|,]/);
const uris = () => list(/\|/);

export class EventsQuery {
  @ApiPropertyOptional({ example: 'ObjectEvent|TransformationEvent' })
  @IsOptional()
  @words()
  @IsArray()
  @IsString({ each: true })
  eventType?: string[];

  @ApiPropertyOptional({ example: 'shipping', description: 'CBV word, Web URI or URN; several: a|b' })
  @IsOptional()
  @words()
  @IsArray()
  @IsString({ each: true })
  EQ_bizStep?: string[];

  @ApiPropertyOptional({ example: 'in_transit' })
  @IsOptional()
  @words()
  @IsArray()
  @IsString({ each: true })
  EQ_disposition?: string[];

  @ApiPropertyOptional({ description: 'EPCs (URN or Digital Link) in epcList, childEPCs or quantity lists' })
  @IsOptional()
  @uris()
  @IsArray()
  @IsString({ each: true })
  MATCH_epc?: string[];

  @ApiPropertyOptional({ description: 'EPCs anywhere in the event, parents, inputs and outputs included' })
  @IsOptional()
  @uris()
  @IsArray()
  @IsString({ each: true })
  MATCH_anyEPC?: string[];

  @ApiPropertyOptional({ example: 'urn:epc:id:sgln:0614141.07346.1234' })
  @IsOptional()
  @uris()
  @IsArray()
  @IsString({ each: true })
  EQ_bizLocation?: string[];

  @ApiPropertyOptional({ example: '2026-01-01T00:00:00+07:00' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: bilingual('thời điểm ISO 8601', 'an ISO 8601 date-time') })
  GE_eventTime?: string;

  @ApiPropertyOptional({ example: '2027-01-01T00:00:00+07:00' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: bilingual('thời điểm ISO 8601', 'an ISO 8601 date-time') })
  LT_eventTime?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PER_PAGE, default: 30 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PER_PAGE)
  perPage = 30;

  @ApiPropertyOptional({ description: 'From the Link header (rel="next") of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  nextPageToken?: string;
}
