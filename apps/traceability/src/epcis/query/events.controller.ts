import { applyDecorators, Body, Controller, Get, Header, Param, Post, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@ocop/auth';
import { Public } from '@ocop/service-kit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { OptionalActor } from '../../common/optional-actor';
import { TraceabilityConfig } from '../../config';
import { CapturedEventView } from '../capture/capture.dto';
import { CaptureService } from '../capture/capture.service';
import { epcisHeaders } from '../epcis-headers';
import { EventsQueryService } from './events-query.service';
import { QUERY_PARAMETERS, readEventQuery } from './query-parameters';

/** The query parameters in the OpenAPI document, from the one table the parser reads them by. */
const QueryParameters = () =>
  applyDecorators(
    ...Object.entries(QUERY_PARAMETERS).map(([name, { doc }]) =>
      ApiQuery({ name, required: false, type: String, description: doc }),
    ),
  );

@ApiTags('epcis')
@ApiBearerAuth()
@Controller('events')
export class EventsController {
  constructor(
    private readonly events: EventsQueryService,
    private readonly capture: CaptureService,
    private readonly config: TraceabilityConfig,
    private readonly callers: OptionalActor,
  ) {}

  @Post()
  @Roles('producer', 'admin')
  @ApiBody({ description: 'One EPCIS 2.0 event with its @context' })
  @ApiOperation({ summary: 'Ghi một sự kiện / capture a single EPCIS event, stored before the answer' })
  @ApiCreatedResponse({ type: CapturedEventView })
  async captureOne(
    @CurrentActor() actor: Actor,
    @Body() event: Record<string, unknown>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CapturedEventView> {
    epcisHeaders(reply, this.config);
    const captured = await this.capture.captureOne(actor, event);
    void reply.header('location', `/events/${encodeURIComponent(captured.eventID)}`);
    return captured;
  }

  @Get()
  @Public()
  @Header('content-type', 'application/ld+json')
  @ApiOperation({
    summary:
      'Truy vấn sự kiện / query events (EPCIS 2.0 SimpleEventQuery). Without a login: the public view of one lot’s or unit’s events (name it with MATCH_anyEPCClass / MATCH_epc …); the next page is in the Link header',
  })
  @QueryParameters()
  @ApiOkResponse({ description: 'An EPCISQueryDocument' })
  async query(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Record<string, unknown>> {
    epcisHeaders(reply, this.config);
    // Read by hand rather than by a DTO: an unknown parameter is EPCIS's QueryParameterException, named as such.
    const query = readEventQuery(request.query as Record<string, unknown>);
    const actor = await this.callers.of(request);
    const { document, nextPageToken } = await this.events.query(actor, query);
    if (nextPageToken) {
      const url = new URL(request.url, 'http://localhost');
      url.searchParams.set('nextPageToken', nextPageToken);
      void reply.header('link', `<${url.pathname}${url.search}>; rel="next"`);
    }
    return document;
  }

  @Get(':eventID')
  @Header('content-type', 'application/ld+json')
  @ApiOperation({ summary: 'Một sự kiện theo eventID / one event by its eventID (URL-encoded)' })
  one(
    @CurrentActor() actor: Actor,
    @Param('eventID') eventID: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Record<string, unknown>> {
    epcisHeaders(reply, this.config);
    return this.events.one(actor, eventID);
  }
}
