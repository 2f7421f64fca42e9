import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { WORKFLOWS } from './workflow-registry';

@ApiTags('workflows')
@ApiBearerAuth()
@Controller('workflows')
export class WorkflowsController {
  @Get()
  @ApiOperation({ summary: 'Các loại thông báo / The notification workflows defined in code' })
  list() {
    return WORKFLOWS.map((w) => ({
      id: w.id,
      eventType: w.eventType,
      nameVi: w.nameVi,
      nameEn: w.nameEn,
      channels: [...w.channels, ...(w.webhooks ? ['webhook'] : [])],
      critical: w.critical,
      digest: w.digest,
    }));
  }
}
