import { Controller, Get, Header, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@ocop/auth';
import { Public } from '@ocop/service-kit';
import { SigningKeys } from './signing-keys.service';

/**
 * Kept short because a rotated key signs at once: a proxy holding an old copy would make verifiers that refetch
 * on the new kid see a key set without it. Verifiers cache on their own terms anyway.
 */
const JWKS_MAX_AGE_SECONDS = 10;

@ApiTags('keys')
@Controller()
export class JwksController {
  constructor(private readonly keys: SigningKeys) {}

  @Public()
  @Get('.well-known/jwks.json')
  @Header('cache-control', `public, max-age=${JWKS_MAX_AGE_SECONDS}`)
  @ApiOperation({ summary: 'Public keys that verify access tokens (active and retiring)' })
  async jwks() {
    return { keys: await this.keys.published() };
  }

  @Roles('admin')
  @ApiBearerAuth()
  @Post('admin/keys/rotate')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Start signing with a new key; the previous one stays published until its tokens expire',
  })
  @ApiOkResponse({ description: 'The new key id, and when the previous key leaves the JWKS' })
  async rotate(@CurrentActor() actor: Actor) {
    const { kid, previousKid, previousRetiresAt } = await this.keys.rotate(actor.accountId);
    return { kid, previousKid, previousRetiresAt: previousRetiresAt?.toISOString() };
  }
}
