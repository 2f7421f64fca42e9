import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '@ocop/auth';
import { UpdatePreferencesDto } from './preferences.dto';
import { PreferencesService } from './preferences.service';

/** The caller's own preferences only: the account id comes from the token, never from the request. */
@ApiTags('preferences')
@ApiBearerAuth()
@Controller('preferences')
export class PreferencesController {
  constructor(private readonly preferences: PreferencesService) {}

  @Get()
  @ApiOperation({ summary: 'Cài đặt thông báo của tôi / My notification preferences' })
  get(@CurrentActor() actor: Actor) {
    return this.preferences.get(actor.accountId, actor.roles);
  }

  @Put()
  @ApiOperation({
    summary: 'Bật/tắt thông báo theo loại và kênh / Turn notices on or off per workflow and channel',
  })
  update(@CurrentActor() actor: Actor, @Body() body: UpdatePreferencesDto) {
    return this.preferences.update(actor.accountId, actor.roles, body.preferences);
  }
}
