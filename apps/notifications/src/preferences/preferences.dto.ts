import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsBoolean, IsIn, IsString, ValidateNested } from 'class-validator';
import { ACCOUNT_CHANNELS, AccountChannel } from '../workflows/workflow';
import { WORKFLOW_IDS } from '../workflows/workflow-registry';

export class PreferenceDto {
  @ApiProperty({ enum: WORKFLOW_IDS })
  @IsString()
  @IsIn(WORKFLOW_IDS as string[])
  workflow!: string;

  @ApiProperty({ enum: ACCOUNT_CHANNELS })
  @IsIn(ACCOUNT_CHANNELS as AccountChannel[])
  channel!: AccountChannel;

  @ApiProperty()
  @IsBoolean()
  enabled!: boolean;
}

export class UpdatePreferencesDto {
  @ApiProperty({
    type: [PreferenceDto],
    description: 'Only the pairs given change; the others stay as they are.',
  })
  @ValidateNested({ each: true })
  @Type(() => PreferenceDto)
  @ArrayMaxSize(200)
  preferences!: PreferenceDto[];
}
