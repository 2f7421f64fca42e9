import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '@ocop/auth';
import { Problems } from '@ocop/contracts';
import { AccountView } from './account.dto';
import { AccountsService, viewOf } from './accounts.service';

@ApiTags('accounts')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(private readonly accounts: AccountsService) {}

  @Get()
  @ApiOperation({ summary: 'The signed-in account' })
  @ApiOkResponse({ type: AccountView })
  async me(@CurrentActor() actor: Actor): Promise<AccountView> {
    const account = await this.accounts.findById(actor.accountId);
    if (!account) throw Problems.notFound('Account');
    return viewOf(account);
  }
}
