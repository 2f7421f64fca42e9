import { SetMetadata } from '@nestjs/common';
import { Role } from '@ocop/contracts';

export const REQUIRED_ROLES = 'ocop:roles';

/** The route (or every route of the controller) needs at least one of these roles; otherwise 403. */
export const Roles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);
